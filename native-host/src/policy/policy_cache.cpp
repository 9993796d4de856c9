#include "policy/policy_cache.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "policy/model_codec.hpp"
#include "signing/secret_bytes.hpp"
#include "util/atomic_file.hpp"

namespace handleguard::policy {

namespace {

// Changes whenever the layout of the file below changes (the build id covers the model's).
constexpr std::string_view magic = "HGPOLC01";
constexpr std::size_t checksum_bytes = crypto_generichash_BYTES; // BLAKE2b-256
constexpr std::size_t max_cache_bytes = std::size_t{256} << 20;

std::string hash_hex(std::string_view bytes) {
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size(),
                     nullptr, 0);
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return {hex.data(), digest.size() * 2};
}

// What identifies the version of a file the cache depends on; empty when it cannot be seen.
std::string file_stamp(const std::filesystem::path &path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return {};
  return std::to_string(info.st_size) + ":" + std::to_string(info.st_mtim.tv_sec) + "." +
         std::to_string(info.st_mtim.tv_nsec) + ":" + std::to_string(info.st_ino);
}

// The lexicon files `document` lists (parse_rules.cpp reads them relative to the policy's folder).
std::vector<std::filesystem::path> lexicon_files(const nlohmann::json &document, const std::filesystem::path &base_dir) {
  std::vector<std::filesystem::path> files;
  const auto items = [](const nlohmann::json &object, const char *key) -> const nlohmann::json * {
    if (!object.is_object()) return nullptr;
    const auto found = object.find(key);
    return found != object.end() && found->is_array() ? &*found : nullptr;
  };
  if (const auto *accounts = items(document, "accounts")) {
    for (const auto &account : *accounts) {
      const auto *rules = items(account, "rules");
      if (rules == nullptr) continue;
      for (const auto &rule : *rules) {
        const auto *lexicons = items(rule, "lexicons");
        if (lexicons == nullptr) continue;
        for (const auto &lexicon : *lexicons) {
          if (!lexicon.is_object()) continue;
          const auto path = lexicon.find("path");
          if (path == lexicon.end() || !path->is_string()) continue;
          std::filesystem::path file(path->get<std::string>());
          if (file.is_relative()) file = base_dir / file;
          files.push_back(file.lexically_normal());
        }
      }
    }
  }
  std::ranges::sort(files);
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

void put_u64(std::string &out, std::uint64_t value) {
  for (int shift = 0; shift < 64; shift += 8) out.push_back(static_cast<char>((value >> shift) & 0xFFU));
}
void put_text(std::string &out, std::string_view text) {
  put_u64(out, text.size());
  out += text;
}

// Reads what put_u64 and put_text wrote; any overrun makes it fail for good.
class FieldReader {
public:
  explicit FieldReader(std::string_view in) : in_(in) {}
  std::optional<std::uint64_t> u64() {
    if (in_.size() - at_ < 8) return std::nullopt;
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < 8; ++i) value |= static_cast<std::uint64_t>(static_cast<unsigned char>(in_[at_ + i])) << (8 * i);
    at_ += 8;
    return value;
  }
  std::optional<std::string_view> text() {
    const auto size = u64();
    if (!size || *size > in_.size() - at_) return std::nullopt;
    const std::string_view out = in_.substr(at_, static_cast<std::size_t>(*size));
    at_ += out.size();
    return out;
  }
  [[nodiscard]] bool finished() const { return at_ == in_.size(); }

private:
  std::string_view in_;
  std::size_t at_ = 0;
};

// Everything a cached policy depends on besides lexicon files: the format, this build, where the
// policy is (lexicon paths are relative to it) and its exact bytes.
std::string cache_key(const std::filesystem::path &policy_path, std::string_view policy_bytes) {
  return std::string(magic) + "\n" + program_build_id() + "\n" + std::filesystem::absolute(policy_path).lexically_normal().string() +
         "\n" + hash_hex(policy_bytes);
}

// True when root owns `path` (not through a link) and nobody else may write it.
bool only_root_writes(const std::filesystem::path &path, bool folder) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return false;
  const bool kind = folder ? S_ISDIR(info.st_mode) : S_ISREG(info.st_mode);
  return kind && info.st_uid == 0 && (info.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

int find_build_id(dl_phdr_info *info, std::size_t /*size*/, void *data) {
  auto &out = *static_cast<std::string *>(data);
  for (int h = 0; h < info->dlpi_phnum; ++h) {
    const auto &header = info->dlpi_phdr[h];
    if (header.p_type != PT_NOTE) continue;
    const auto *at = reinterpret_cast<const unsigned char *>(info->dlpi_addr + header.p_vaddr);
    const auto *end = at + header.p_memsz;
    while (at + sizeof(ElfW(Nhdr)) <= end) {
      ElfW(Nhdr) note{};
      std::memcpy(&note, at, sizeof note);
      const unsigned char *name = at + sizeof note;
      const unsigned char *desc = name + ((note.n_namesz + 3U) & ~3U);
      const unsigned char *next = desc + ((note.n_descsz + 3U) & ~3U);
      if (next > end) break;
      if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
        std::string hex(note.n_descsz * 2 + 1, '\0');
        sodium_bin2hex(hex.data(), hex.size(), desc, note.n_descsz);
        hex.pop_back();
        out = std::move(hex);
        return 1;
      }
      at = next;
    }
  }
  return 1; // only the first object, the program itself
}

} // namespace

PolicyCache host_policy_cache(const config::Paths &paths) {
  if (paths.managed) return PolicyCache(paths.managed_config_dir / "policy-cache.bin", CacheWriter::root);
  return PolicyCache(paths.state_dir / "policy-cache.bin");
}

const std::string &program_build_id() {
  static const std::string id = [] {
    std::string found;
    dl_iterate_phdr(find_build_id, &found);
    return found;
  }();
  return id;
}

bool PolicyCache::in_trusted_place() const {
  return writer_ == CacheWriter::user || (only_root_writes(file_.parent_path(), true) && only_root_writes(file_, false));
}

std::optional<CachedPolicy> PolicyCache::read(const std::filesystem::path &policy_path, std::string_view policy_bytes) const {
  // sodium_init() also picks libsodium's fastest BLAKE2b for this CPU (3-4x the portable one).
  if (program_build_id().empty() || !signing::sodium_ready()) return std::nullopt;
  std::error_code missing;
  if (!std::filesystem::exists(file_, missing)) return std::nullopt;
  if (!in_trusted_place()) return std::nullopt;
  auto content = util::read_file(file_, max_cache_bytes);
  if (!content || content->size() < checksum_bytes) return std::nullopt;
  const std::string_view body = std::string_view(*content).substr(0, content->size() - checksum_bytes);
  std::array<unsigned char, checksum_bytes> checksum{};
  crypto_generichash(checksum.data(), checksum.size(), reinterpret_cast<const unsigned char *>(body.data()), body.size(),
                     nullptr, 0);
  if (sodium_memcmp(checksum.data(), content->data() + body.size(), checksum_bytes) != 0) return std::nullopt;

  FieldReader reader(body);
  const auto key = reader.text();
  if (!key || *key != cache_key(policy_path, policy_bytes)) return std::nullopt;
  const auto lexicons = reader.u64();
  if (!lexicons) return std::nullopt;
  for (std::uint64_t i = 0; i < *lexicons; ++i) {
    const auto path = reader.text();
    const auto stamp = reader.text();
    if (!path || !stamp || stamp->empty() || file_stamp(std::filesystem::path(*path)) != *stamp) return std::nullopt;
  }
  const auto serial = reader.u64();
  const auto has_expires = reader.u64();
  const auto expires = reader.text();
  const auto encoded = reader.text();
  if (!serial || !has_expires || *has_expires > 1 || !expires || !encoded || !reader.finished()) return std::nullopt;
  auto policy = decode_policy(*encoded);
  if (!policy) return std::nullopt;
  CachedPolicy cached{std::move(*policy), {}};
  cached.gated.serial = static_cast<std::int64_t>(*serial);
  if (*has_expires == 1) cached.gated.expires = std::string(*expires);
  return cached;
}

bool PolicyCache::write(const std::filesystem::path &policy_path, std::string_view policy_bytes, const nlohmann::json &document,
                        const Policy &policy) const {
  if (program_build_id().empty() || !signing::sodium_ready()) return false;
  if (writer_ == CacheWriter::root && ::geteuid() != 0) return false;
  const signing::GatedFields gated = signing::GatedFields::of(document);
  if (gated.expires_not_text) return false; // the gate refuses such a policy: nothing to keep
  std::string out;
  put_text(out, cache_key(policy_path, policy_bytes));
  const auto lexicons = lexicon_files(document, policy_path.parent_path());
  put_u64(out, lexicons.size());
  for (const auto &lexicon : lexicons) {
    const std::string stamp = file_stamp(lexicon);
    if (stamp.empty()) return false;
    put_text(out, lexicon.string());
    put_text(out, stamp);
  }
  put_u64(out, static_cast<std::uint64_t>(gated.serial));
  put_u64(out, gated.expires ? 1 : 0);
  put_text(out, gated.expires.value_or(""));
  put_text(out, encode_policy(policy));
  std::array<unsigned char, checksum_bytes> checksum{};
  crypto_generichash(checksum.data(), checksum.size(), reinterpret_cast<const unsigned char *>(out.data()), out.size(), nullptr,
                     0);
  out.append(reinterpret_cast<const char *>(checksum.data()), checksum.size());

  // A temporary file of this process renamed over the cache: hosts of several browser profiles
  // may write at once, and a reader sees one whole cache or the other. No fsync: a cache torn by
  // a crash fails its checksum and is rebuilt.
  if (!util::make_private_dirs(file_.parent_path())) return false;
  const std::filesystem::path temporary = file_.string() + "." + std::to_string(::getpid()) + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  // Root's cache is for every user's host to read, whatever root's umask.
  const bool readable = writer_ == CacheWriter::user || ::fchmod(fd, 0644) == 0;
  std::size_t written = 0;
  while (written < out.size()) {
    const ssize_t got = ::write(fd, out.data() + written, out.size() - written);
    if (got <= 0) break;
    written += static_cast<std::size_t>(got);
  }
  const bool closed = ::close(fd) == 0;
  std::error_code ignored;
  if (written != out.size() || !closed || !readable || ::rename(temporary.c_str(), file_.c_str()) != 0) {
    std::filesystem::remove(temporary, ignored);
    return false;
  }
  return true;
}

} // namespace handleguard::policy

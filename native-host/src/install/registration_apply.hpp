#pragma once
// Carries out a registration plan on this machine: writes or removes the host manifest (and on
// Windows the registry key, through reg.exe), refusing host paths others could replace.
#include <expected>
#include <filesystem>
#include <string>

#include "install/host_registration.hpp"

namespace handleguard::install {

// Why `path` is unsafe to register, or empty: writable by group or others, or inside a folder
// others may write to (without the sticky bit), or missing.
[[nodiscard]] std::string unsafe_path_reason(const std::filesystem::path &path);

// Writes the manifest (0644, folders 0755) under `root` ("" = the real file system; packaging
// and tests pass a staging folder), then on Windows adds the registry key. Returns false when
// the same manifest was already in place (nothing written: a second install changes nothing).
[[nodiscard]] std::expected<bool, std::string> apply_registration(const Registration &registration,
                                                                  const std::filesystem::path &root);

// Removes what apply_registration wrote: the registry key, the manifest when it names our host
// (a foreign file is left alone and reported), and the folders that are left empty below the
// plan's anchor. Returns whether anything was removed.
[[nodiscard]] std::expected<bool, std::string> remove_registration(const Registration &registration,
                                                                   const std::filesystem::path &root);

// The manifest path a registry key's default value names, through `reg.exe query KEY /ve`
// (Windows; tests put a stand-in on PATH): empty when the key or its value does not exist, an
// error when reg.exe cannot be run.
[[nodiscard]] std::expected<std::string, std::string> query_registry_default(const RegistryEntry &entry);

// The value from `reg.exe query` output: the text after REG_SZ on the value line (the
// "(Default)" label is translated on non-English Windows, so it is not matched). Empty when the
// output holds no REG_SZ value.
[[nodiscard]] std::string registry_default_value(std::string_view reg_query_output);

// `path` as seen under `root`.
[[nodiscard]] std::filesystem::path under_root(const std::filesystem::path &root, const std::string &path);

} // namespace handleguard::install

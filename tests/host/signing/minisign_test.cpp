#include "signing/minisign.hpp"

#include <gtest/gtest.h>

#include "signing/encoding.hpp"

namespace handleguard::signing {
namespace {

SecretKey fresh_key(std::string_view password = "", bool encrypt = false) {
  auto pair = generate_key_pair(password, encrypt, KdfStrength::interactive);
  EXPECT_TRUE(pair.has_value());
  auto key = parse_secret_key(pair->secret_file, password);
  EXPECT_TRUE(key.has_value()) << key.error();
  return std::move(*key);
}

TEST(Minisign, SignedFileVerifiesAndReportsTheTrustedComment) {
  const SecretKey key = fresh_key();
  const PublicKey public_key = key.public_key();
  auto signature = sign(as_bytes("policy bytes"), key, "serial:4");
  ASSERT_TRUE(signature.has_value()) << signature.error();
  auto verified = verify(as_bytes("policy bytes"), *signature, std::span(&public_key, 1));
  ASSERT_TRUE(verified.has_value()) << verified.error();
  EXPECT_EQ(verified->trusted_comment, "serial:4");
  EXPECT_TRUE(verified->prehashed);
  EXPECT_EQ(verified->signer, public_key);
}

TEST(Minisign, EveryChangedByteOfTheFileIsRefused) {
  const SecretKey key = fresh_key();
  const PublicKey public_key = key.public_key();
  const std::string message = "{\"serial\":3}";
  const auto signature = sign(as_bytes(message), key, "c").value();
  for (std::size_t i = 0; i < message.size(); ++i) {
    std::string changed = message;
    changed[i] = static_cast<char>(changed[i] ^ 0x01);
    EXPECT_FALSE(verify(as_bytes(changed), signature, std::span(&public_key, 1)).has_value()) << i;
  }
  EXPECT_FALSE(verify(as_bytes(message + "\n"), signature, std::span(&public_key, 1)).has_value());
}

TEST(Minisign, ChangedTrustedCommentIsRefused) {
  const SecretKey key = fresh_key();
  const PublicKey public_key = key.public_key();
  std::string signature = sign(as_bytes("x"), key, "serial:4").value();
  signature.replace(signature.find("serial:4"), 8, "serial:9");
  auto verified = verify(as_bytes("x"), signature, std::span(&public_key, 1));
  ASSERT_FALSE(verified.has_value());
  EXPECT_NE(verified.error().find("trusted comment"), std::string::npos);
}

TEST(Minisign, SignatureByAnUntrustedKeyIsRefusedNamingTheKey) {
  const SecretKey signer = fresh_key();
  const PublicKey other = fresh_key().public_key();
  const auto signature = sign(as_bytes("x"), signer, "c").value();
  auto verified = verify(as_bytes("x"), signature, std::span(&other, 1));
  ASSERT_FALSE(verified.has_value());
  EXPECT_NE(verified.error().find(signer.public_key().id_text()), std::string::npos);
}

TEST(Minisign, SameKeyIdWithAnotherKeyIsRefused) {
  const SecretKey signer = fresh_key();
  PublicKey impostor = fresh_key().public_key();
  impostor.key_id = signer.key_id;
  const auto signature = sign(as_bytes("x"), signer, "c").value();
  EXPECT_FALSE(verify(as_bytes("x"), signature, std::span(&impostor, 1)).has_value());
}

TEST(Minisign, MalformedSignatureFilesAreRefused) {
  const SecretKey key = fresh_key();
  const PublicKey public_key = key.public_key();
  const std::string good = sign(as_bytes("x"), key, "c").value();
  for (const std::string bad : {std::string(), std::string("untrusted comment: x\n"), good.substr(0, good.size() / 2),
                                good + "trailing\n", std::string("garbage\n") + good}) {
    EXPECT_FALSE(verify(as_bytes("x"), bad, std::span(&public_key, 1)).has_value()) << bad;
  }
}

TEST(Minisign, EncryptedSecretKeyNeedsItsPassword) {
  auto pair = generate_key_pair("correct horse", true, KdfStrength::interactive).value();
  EXPECT_TRUE(secret_key_is_encrypted(pair.secret_file));
  auto wrong = parse_secret_key(pair.secret_file, "wrong horse");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_NE(wrong.error().find("wrong password"), std::string::npos);
  auto right = parse_secret_key(pair.secret_file, "correct horse");
  ASSERT_TRUE(right.has_value());
  EXPECT_EQ(right->public_key(), pair.public_key);
}

TEST(Minisign, PublicKeyRoundTripsThroughItsFileAndItsLine) {
  const PublicKey key = fresh_key().public_key();
  EXPECT_EQ(parse_public_key(key.file_text()).value(), key);
  EXPECT_EQ(parse_public_key(key.base64()).value(), key);
  EXPECT_FALSE(parse_public_key("RWQ").has_value());
  EXPECT_EQ(key.id_text().size(), 16U);
}

} // namespace
} // namespace handleguard::signing

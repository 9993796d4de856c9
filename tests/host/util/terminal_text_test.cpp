#include "util/terminal_text.hpp"

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace handleguard::util {
namespace {

TEST(TerminalText, AValueIsShownWholeOnOneLineWithNothingATerminalActsOn) {
  EXPECT_EQ(terminal_text("Acme Zürich 🚗"), "Acme Zürich 🚗");
  EXPECT_EQ(terminal_text(std::string(500, 'x')), std::string(500, 'x')) << "not cut, unlike a message excerpt";
  EXPECT_EQ(terminal_text("a\x1b]0;owned\x07" "b"), "a\\u{1B}]0;owned\\u{7}b");
  EXPECT_EQ(terminal_text("col\tumn\nline"), "col\\u{9}umn\\u{A}line") << "a tab would add a column";
  EXPECT_EQ(terminal_text("\xC2\x9B" "2J"), "\\u{9B}2J") << "a C1 control (CSI)";
  EXPECT_EQ(terminal_text("x\u202Eevil\u2066y\u2069"), "x\\u{202E}evil\\u{2066}y\\u{2069}");
  EXPECT_EQ(terminal_text("\xFF"), "\uFFFD");
}

TEST(TerminalText, AMessageKeepsItsLinesAndFields) {
  EXPECT_EQ(terminal_lines("one: \x1b[2J\ntwo\tthree\n"), "one: \\u{1B}[2J\ntwo\tthree\n");
  EXPECT_EQ(terminal_lines("a\rb"), "a\\u{D}b") << "a carriage return would let the rest overwrite the line";
}

// nlohmann escapes C0 controls in strings itself, but writes C1 controls and bidi controls as
// they are: these get \u escapes, which a JSON reader reads back as the same string.
TEST(TerminalText, JsonGetsEscapesThatMeanTheSameString) {
  const nlohmann::json value = {{"client", "a\x1b[2J\xC2\x9B\u202E\u2067z\x7F"}, {"ok", "Zürich 🚗"}};
  const std::string shown = terminal_json(value.dump(2));
  EXPECT_EQ(shown.find('\x1b'), std::string::npos);
  EXPECT_EQ(shown.find("\xC2\x9B"), std::string::npos);
  EXPECT_EQ(shown.find("\u202E"), std::string::npos);
  EXPECT_EQ(shown.find('\x7F'), std::string::npos);
  EXPECT_NE(shown.find(R"(\u009B\u202E\u2067z\u007F)"), std::string::npos) << shown;
  EXPECT_NE(shown.find("Zürich 🚗"), std::string::npos) << "other characters stay as they are";
  EXPECT_EQ(nlohmann::json::parse(shown), value);
}

} // namespace
} // namespace handleguard::util

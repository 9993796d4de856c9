#include "text/lexicon.hpp"

#include <gtest/gtest.h>

namespace handleguard::text {
namespace {

TEST(Lexicon, ReadsTermsOptionsCommentsAndAllowList) {
  const auto lexicon = parse_lexicon("# insults\n"
                                     "idiot\n"
                                     "scam  substring   # matches scammer too\n"
                                     "barely legal\n"
                                     "fraud\tword\n"
                                     "!scampi\n"
                                     "\\!important\n"
                                     "c#\n"
                                     "\n   \n");
  ASSERT_TRUE(lexicon.has_value()) << describe(lexicon.error(), "test");
  ASSERT_EQ(lexicon->terms.size(), 6U);
  EXPECT_EQ(lexicon->terms[0].text, "idiot");
  EXPECT_FALSE(lexicon->terms[0].substring);
  EXPECT_EQ(lexicon->terms[1].text, "scam");
  EXPECT_TRUE(lexicon->terms[1].substring);
  EXPECT_EQ(lexicon->terms[2].text, "barely legal");
  EXPECT_EQ(lexicon->terms[3].text, "fraud");
  EXPECT_FALSE(lexicon->terms[3].substring);
  EXPECT_EQ(lexicon->terms[4].text, "!important");
  EXPECT_EQ(lexicon->terms[5].text, "c#");
  ASSERT_EQ(lexicon->allow.size(), 1U);
  EXPECT_EQ(lexicon->allow[0], "scampi");
}

TEST(Lexicon, ReportsEveryBadLineWithItsNumber) {
  const auto lexicon = parse_lexicon("good\n"
                                     "scam  subtring\n"
                                     "!\n"
                                     "fine\n"
                                     "...\n"
                                     "both  word substring\n"
                                     "bad\xff\n");
  ASSERT_FALSE(lexicon.has_value());
  const auto &errors = lexicon.error();
  ASSERT_EQ(errors.size(), 5U);
  EXPECT_EQ(errors[0].line, 2U);
  EXPECT_NE(errors[0].message.find("unknown option \"subtring\""), std::string::npos);
  EXPECT_EQ(errors[1].line, 3U);
  EXPECT_EQ(errors[2].line, 5U);
  EXPECT_NE(errors[2].message.find("could never match"), std::string::npos);
  EXPECT_EQ(errors[3].line, 6U);
  EXPECT_EQ(errors[4].line, 7U);
  EXPECT_EQ(errors[4].message, "not valid UTF-8");
  EXPECT_EQ(describe({errors[0]}, "insults.txt").substr(0, 15), "insults.txt:2: ");
}

TEST(Lexicon, AcceptsWindowsLineEndsAndByteOrderMark) {
  const auto lexicon = parse_lexicon("\xEF\xBB\xBFidiot\r\nscam  substring\r\n");
  ASSERT_TRUE(lexicon.has_value());
  ASSERT_EQ(lexicon->terms.size(), 2U);
  EXPECT_EQ(lexicon->terms[0].text, "idiot");
  EXPECT_TRUE(lexicon->terms[1].substring);
}

TEST(Lexicon, EmptyTextIsAnEmptyLexicon) {
  const auto lexicon = parse_lexicon("");
  ASSERT_TRUE(lexicon.has_value());
  EXPECT_TRUE(lexicon->terms.empty());
}

} // namespace
} // namespace handleguard::text

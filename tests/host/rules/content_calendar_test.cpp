// Content calendars as spreadsheets export them, and the rows that must not be judged in part.
#include <gtest/gtest.h>

#include "rules/content_calendar.hpp"
#include "util/local_time.hpp"

namespace handleguard::rules {
namespace {

ContentCalendar read(std::string_view csv) {
  auto calendar = read_content_calendar(csv);
  EXPECT_TRUE(calendar.has_value()) << calendar.error();
  return calendar.value_or(ContentCalendar{});
}

std::string refusal(std::string_view csv) {
  const auto calendar = read_content_calendar(csv);
  EXPECT_FALSE(calendar.has_value()) << csv;
  return calendar ? std::string() : calendar.error();
}

TEST(ContentCalendar, ReadsSemicolonAndTabSeparatedExports) {
  // Excel's "CSV" where a comma is the decimal separator, and tab-separated exports.
  const auto semicolons = read("\xEF\xBB\xBF" "account;text;time\r\nacme;\"Hello; world, and more\";2026-06-03T10:00:00+02:00\r\nacme;1,5 million thanks;\r\n");
  ASSERT_EQ(semicolons.rows.size(), 2U);
  EXPECT_EQ(semicolons.rows[0].text, "Hello; world, and more");
  EXPECT_EQ(semicolons.rows[0].time, util::parse_iso8601("2026-06-03T10:00:00+02:00"));
  EXPECT_EQ(semicolons.rows[1].text, "1,5 million thanks");
  const auto tabs = read("account\ttext\nacme\tHello, world; hi\n");
  ASSERT_EQ(tabs.rows.size(), 1U);
  EXPECT_EQ(tabs.rows[0].text, "Hello, world; hi");
  // A comma in the header makes it a comma-separated file, whatever else the line holds.
  EXPECT_EQ(read("account,text\nacme,a;b\n").rows[0].text, "a;b");
  EXPECT_EQ(refusal("account;text\nacme;a;b\n"),
            "line 2, column 3: 3 cells, but the header has 2 cells: quote a text that holds a semicolon, \"like; this\"");
}

// `text` as UTF-16 with a byte order mark, as Excel's "Unicode Text" saves it.
std::string utf16_file(std::u16string_view text, bool little_endian) {
  std::string bytes = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (const char16_t unit : text) {
    const auto high = static_cast<char>(unit >> 8U);
    const auto low = static_cast<char>(unit & 0xFFU);
    bytes += little_endian ? std::string{low, high} : std::string{high, low};
  }
  return bytes;
}

TEST(ContentCalendar, ReadsExcelUnicodeText) {
  for (const bool little_endian : {true, false}) {
    const auto calendar = read(utf16_file(u"account\ttext\r\nacme\tCaf\u00e9 \U0001F697 time\r\n", little_endian));
    ASSERT_EQ(calendar.rows.size(), 1U);
    EXPECT_EQ(calendar.rows[0].text, "Caf\u00e9 \U0001F697 time");
  }
  EXPECT_EQ(refusal(std::string("\xFF\xFE" "a\0b", 5)), "not valid UTF-16: an odd number of bytes; save the calendar as CSV UTF-8");
  EXPECT_EQ(refusal(utf16_file(u"account\ttext\n", true) + std::string("\x00\xD8", 2)),
            "not valid UTF-16: a lone surrogate at byte 28; save the calendar as CSV UTF-8");
}

TEST(ContentCalendar, ReadsRowsWithTheirLines) {
  const auto calendar = read("account,text,time\r\nacme,\"Hello, world\",2026-06-03T10:00:00Z\r\nacme,\"two\nlines\",\r\nacme,last\r\n");
  ASSERT_EQ(calendar.rows.size(), 3U);
  EXPECT_EQ(calendar.rows[0].text, "Hello, world");
  EXPECT_EQ(calendar.rows[0].time, util::parse_iso8601("2026-06-03T10:00:00Z"));
  EXPECT_EQ(calendar.rows[1].text, "two\nlines");
  EXPECT_FALSE(calendar.rows[1].time.has_value());
  EXPECT_EQ(calendar.rows[2].line, 5U); // the quoted line break counts
  EXPECT_TRUE(calendar.unread_columns.empty());
}

TEST(ContentCalendar, TakesHeadersAsSpreadsheetsWriteThem) {
  // A BOM, capitals, spaces, another order, columns of the team's own, empty rows (",,").
  const auto calendar = read("\xEF\xBB\xBF Text ,Notes,ACCOUNT,Time\nhi,for Sam,acme,\n,,,\n\nbye,,acme,2026-06-03T10:00:00Z\n");
  ASSERT_EQ(calendar.rows.size(), 2U);
  EXPECT_EQ(calendar.rows[0].account, "acme");
  EXPECT_EQ(calendar.rows[0].text, "hi");
  EXPECT_EQ(calendar.rows[1].line, 5U);
  EXPECT_EQ(calendar.unread_columns, std::vector<std::string>{"Notes"});
}

TEST(ContentCalendar, RefusesARowWithMoreCellsThanTheHeader) {
  // An unquoted comma splits a text: judging its first part alone would miss the rest.
  const std::string why = refusal("account,text\nacme,fine\nacme,we walk, we drive\n");
  EXPECT_NE(why.find("line 3, column 3: 3 cells, but the header has 2 cells"), std::string::npos) << why;
  EXPECT_NE(why.find("quote"), std::string::npos) << why;
}

TEST(ContentCalendar, RefusesARowWithoutItsAccountOrTextNamingTheCell) {
  // Cells are named as a spreadsheet shows them: columns counted from 1, by the header's name.
  EXPECT_EQ(refusal("account,text\nacme\n"), "line 2, column 2 (\"text\"): missing: the row has 1 cell, but the header has 2 cells");
  EXPECT_EQ(refusal("text,Account \nhello\n"), "line 2, column 2 (\"Account\"): missing: the row has 1 cell, but the header has 2 cells");
  EXPECT_EQ(refusal("Notes,account,text\nfor Sam,  ,hello\n"), "line 2, column 2 (\"account\"): empty");
  // A missing time is no post lost: it goes out when posted.
  EXPECT_EQ(read("account,text,time\nacme,hello\n").rows.size(), 1U);
}

TEST(ContentCalendar, RefusesHeadersThatAreAmbiguousOrIncomplete) {
  EXPECT_EQ(refusal("account,text,Text\nacme,a,b\n"), "line 1, column 3 (\"Text\"): the header names the column text twice");
  EXPECT_EQ(refusal("handle,post\nacme,hi\n"), "line 1: the header must name the columns account,text[,time]");
  EXPECT_NE(refusal("").find("empty"), std::string::npos);
}

TEST(ContentCalendar, RefusesTextThatIsNotUtf8WithItsCell) {
  EXPECT_EQ(refusal("account,text\nacme,ok\nacme,caf\xE9\n"), "line 3, column 2 (\"text\"): not valid UTF-8; save the calendar as CSV UTF-8");
  EXPECT_EQ(refusal("text,account,time\nhi,acme,\xFF\n"), "line 2, column 3 (\"time\"): not valid UTF-8; save the calendar as CSV UTF-8");
}

TEST(ContentCalendar, RefusesAWrongTimeBeforeAnyRowIsJudged) {
  // The rows before it are not handed out first: `check --record` would have recorded them.
  EXPECT_EQ(refusal("account,text, Time \nacme,hi,2026-06-03T10:00:00+02:00\nacme,bye,next week\n"),
            "line 3, column 3 (\"Time\"): \"next week\" is not an ISO 8601 time with an offset, e.g. 2026-06-03T10:00:00+02:00");
  // A hostile cell is quoted short, and with nothing a terminal would act on.
  EXPECT_EQ(refusal("account,text,time\nacme,hi,\"\x1b[2J" + std::string(100'000, '9') + "\"\n"),
            "line 2, column 3 (\"time\"): \"\\u{1B}[2J" + std::string(36, '9') +
                "…\" is not an ISO 8601 time with an offset, e.g. 2026-06-03T10:00:00+02:00");
  // Without an offset a time is ambiguous across the agency's time zones.
  EXPECT_NE(refusal("account,text,time\nacme,hi,2026-06-03T10:00:00\n").find("line 2, column 3 (\"time\")"), std::string::npos);
  // A blank time cell, spaces included, is a post that goes out when posted.
  const auto calendar = read("account,text,time\nacme,hi,  \nacme,bye, 2026-06-03T10:00:00Z \n");
  ASSERT_EQ(calendar.rows.size(), 2U);
  EXPECT_FALSE(calendar.rows[0].time.has_value());
  EXPECT_EQ(calendar.rows[1].time, util::parse_iso8601("2026-06-03T10:00:00Z"));
}

TEST(ContentCalendar, CountsLinesEndedByALoneCarriageReturn) {
  const auto calendar = read("account,text\racme,one\racme,two\r");
  ASSERT_EQ(calendar.rows.size(), 2U);
  EXPECT_EQ(calendar.rows[1].line, 3U);
  EXPECT_EQ(calendar.rows[1].text, "two");
  // Inside a quoted text too: the row after it starts on line 4, not 3.
  const auto quoted = read("account,text\nacme,\"one\rtwo\"\nacme,three\n");
  ASSERT_EQ(quoted.rows.size(), 2U);
  EXPECT_EQ(quoted.rows[1].line, 4U);
  EXPECT_EQ(read("account,text\r\nacme,\"one\r\ntwo\"\r\nacme,three\r\n").rows[1].line, 4U);
}

TEST(ContentCalendar, PassesOnMalformedCsvWithItsCell) {
  EXPECT_EQ(refusal("account,text\nacme,\"never closed\n"), "line 2, column 2 (\"text\"): a quoted field is never closed");
  EXPECT_EQ(refusal("account,text\nacme,say \"hi\"\n"), "line 2, column 2 (\"text\"): a quote inside an unquoted field");
  EXPECT_EQ(refusal("account,text\nacme,\"two\nlines\" more\n"), "line 3, column 2 (\"text\"): text after a closing quote (double a quote inside a quoted field: \"\")");
  // Beyond the header, or in the header itself, a column has no name to give.
  EXPECT_EQ(refusal("account,text\nacme,hi,\"x\n"), "line 2, column 3: a quoted field is never closed");
  EXPECT_EQ(refusal("account,te\"xt\nacme,hi\n"), "line 1, column 2: a quote inside an unquoted field");
}

} // namespace
} // namespace handleguard::rules

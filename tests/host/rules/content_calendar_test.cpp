// Content calendars as spreadsheets export them, and the rows that must not be judged in part.
#include <gtest/gtest.h>

#include "rules/content_calendar.hpp"

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

TEST(ContentCalendar, ReadsRowsWithTheirLines) {
  const auto calendar = read("account,text,time\r\nacme,\"Hello, world\",2026-06-03T10:00:00Z\r\nacme,\"two\nlines\",\r\nacme,last\r\n");
  ASSERT_EQ(calendar.rows.size(), 3U);
  EXPECT_EQ(calendar.rows[0].text, "Hello, world");
  EXPECT_EQ(calendar.rows[0].time, "2026-06-03T10:00:00Z");
  EXPECT_EQ(calendar.rows[1].text, "two\nlines");
  EXPECT_EQ(calendar.rows[1].time, "");
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
  EXPECT_NE(why.find("line 3: 3 cells, but the header has 2 cells"), std::string::npos) << why;
  EXPECT_NE(why.find("quote"), std::string::npos) << why;
}

TEST(ContentCalendar, RefusesARowWithoutItsAccountOrText) {
  EXPECT_EQ(refusal("account,text\nacme\n"), "line 2: 1 cell: no text cell (the header has 2 cells)");
  EXPECT_EQ(refusal("text,account\nhello\n"), "line 2: 1 cell: no account cell (the header has 2 cells)");
  EXPECT_EQ(refusal("account,text\n  ,hello\n"), "line 2: the account cell is empty");
  // A missing time is no post lost: it goes out when posted.
  EXPECT_EQ(read("account,text,time\nacme,hello\n").rows.size(), 1U);
}

TEST(ContentCalendar, RefusesHeadersThatAreAmbiguousOrIncomplete) {
  EXPECT_EQ(refusal("account,text,Text\nacme,a,b\n"), "line 1: the header names the column text twice");
  EXPECT_EQ(refusal("handle,post\nacme,hi\n"), "line 1: the header must name the columns account,text[,time]");
  EXPECT_NE(refusal("").find("empty"), std::string::npos);
}

TEST(ContentCalendar, RefusesTextThatIsNotUtf8WithItsLine) {
  EXPECT_EQ(refusal("account,text\nacme,ok\nacme,caf\xE9\n"), "line 3: not UTF-8 text; save the calendar as CSV UTF-8");
}

TEST(ContentCalendar, CountsLinesEndedByALoneCarriageReturn) {
  const auto calendar = read("account,text\racme,one\racme,two\r");
  ASSERT_EQ(calendar.rows.size(), 2U);
  EXPECT_EQ(calendar.rows[1].line, 3U);
  EXPECT_EQ(calendar.rows[1].text, "two");
}

TEST(ContentCalendar, PassesOnMalformedCsvWithItsLine) {
  EXPECT_EQ(refusal("account,text\nacme,\"never closed\n"), "line 2: a quoted field is never closed");
  EXPECT_EQ(refusal("account,text\nacme,say \"hi\"\n"), "line 2: a quote inside an unquoted field");
}

} // namespace
} // namespace handleguard::rules

import { describe, expect, it } from "vitest";
import { IANAZone } from "luxon";
import { parseWrittenDate, splitLeadingDate, toCalendarDate } from "./dates";
import { UTC_ZONE, zoneInSentence } from "./zones";

const beijing = IANAZone.create("Asia/Shanghai");
const read = (text: string, zone = UTC_ZONE) => parseWrittenDate(text, { zone });

describe("parseWrittenDate", () => {
  it.each([
    ["2025-05-07 09:09:00", beijing, "2025-05-07T01:09:00.000Z", 480],
    ["2026/1/6 09:09 (UTC+8)", UTC_ZONE, "2026-01-06T01:09:00.000Z", 480],
    ["2025–05–07 09:09", UTC_ZONE, "2025-05-07T09:09:00.000Z", 0],
    ["09:09 UTC on 2025-05-07", beijing, "2025-05-07T09:09:00.000Z", 0],
    ["2025-07-01 10:00 EEST", UTC_ZONE, "2025-07-01T07:00:00.000Z", 180],
    ["2025-01-15 10:00 EET", UTC_ZONE, "2025-01-15T08:00:00.000Z", 120],
    ["2025-07-01 10:00 Pacific time", UTC_ZONE, "2025-07-01T17:00:00.000Z", -420],
    ["2025-01-15 10:00 Pacific time", UTC_ZONE, "2025-01-15T18:00:00.000Z", -480],
    ["2025-05-07 09:09 (UTC-7)", UTC_ZONE, "2025-05-07T16:09:00.000Z", -420],
    ["2025-05-07 09:09 GMT+05:30", UTC_ZONE, "2025-05-07T03:39:00.000Z", 330],
    ["2025-05-07T09:09:00+08:00", UTC_ZONE, "2025-05-07T01:09:00.000Z", 480],
    ["2025-05-06T12:36:46.5Z", beijing, "2025-05-06T12:36:46.500Z", 0],
    ["May 7, 2025 9:09 PM PDT", UTC_ZONE, "2025-05-08T04:09:00.000Z", -420],
    ["7 May 2025 09:09 Beijing time", UTC_ZONE, "2025-05-07T01:09:00.000Z", 480],
  ])("reads %s", (text, zone, at, offset) => {
    const reading = read(text, zone);
    expect(reading?.at).toBe(at);
    expect(reading?.utcOffsetMinutes).toBe(offset);
    expect(reading?.dateOnly).toBe(false);
  });

  it("reads a calendar date as midnight UTC whatever the zone around it", () => {
    expect(read("2025/12/13", beijing)).toEqual({
      at: "2025-12-13T00:00:00.000Z",
      dateOnly: true,
      utcOffsetMinutes: 0,
      hasZone: false,
    });
  });

  it.each(["2025-05-32 09:09", "2025-02-29 10:00", "2025-05-07 25:00", "yesterday", "2025-05-07 09:09 and more", ""])(
    "refuses %j",
    (text) => expect(read(text)).toBeNull(),
  );
});

describe("splitLeadingDate", () => {
  it.each([
    ["2025-05-07 09:09 UTC: The CA was told.", "2025-05-07 09:09 UTC"],
    ["2025-05-07 09:00-09:30 outage", "2025-05-07 09:00"],
    ["09:09 2025/5/7 – detected", "09:09 2025/5/7"],
    ["2025-05-07T09:09:00Z detected", "2025-05-07T09:09:00Z"],
  ])("finds the date that opens %j", (line, dateText) => {
    expect(splitLeadingDate(line)?.dateText).toBe(dateText);
  });

  it("finds none in prose", () => expect(splitLeadingDate("Note: all times UTC")).toBeNull());
});

describe("zoneInSentence", () => {
  it.each([
    ["All times are UTC", "UTC"],
    ["**All timestamps are in Beijing Time (UTC+8)**", "UTC+8"],
    ["All timestamps are in Beijing Time", "Asia/Shanghai"],
    ["Times in EET/EEST", "Europe/Helsinki"],
    ["All times are Pacific time", "America/Los_Angeles"],
    ["Times below are (UTC-7)", "UTC-7"],
  ])("finds the zone of %j", (sentence, name) => {
    expect(zoneInSentence(sentence)?.name).toBe(name);
  });

  it("finds none where none is named (and does not read CST)", () => {
    expect(zoneInSentence("The timeline follows.")).toBeNull();
    expect(zoneInSentence("All times CST")).toBeNull();
  });
});

describe("toCalendarDate", () => {
  it("reads YYYY-MM-DD and YYYY/M/D", () => {
    expect(toCalendarDate("2025-05-12")).toBe("2025-05-12");
    expect(toCalendarDate("2025/5/12")).toBe("2025-05-12");
    expect(toCalendarDate("Q3 2025")).toBeNull();
  });
});

/**
 * The Vietnamese lunar calendar (âm lịch), computed rather than tabulated so any year works.
 *
 * This is Hồ Ngọc Đức's published algorithm ("Âm lịch Việt Nam", the reference most Vietnamese calendar
 * software follows): new moons and the sun's longitude from Meeus-style series, months starting on the
 * local day of the new moon, the 11th month holding the winter solstice, and the leap month being the first
 * month without a major solar term. What makes it Vietnamese and not Chinese is the time zone: days are
 * counted at UTC+7, which is why Tết differs in some years (1985: 21/1 here, 20/2 in China; 2007: 17/2
 * here, 18/2 in China; 2030: 2/2 here, 3/2 in China). We checked it against the published Tết dates;
 * see test/calendar/lunar.test.ts.
 *
 * No library: the npm lunar packages are either Chinese (UTC+8, wrong in those years) or single-release.
 */

const VIETNAM_UTC_OFFSET_HOURS = 7;
const INT = Math.floor;

export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  /** true in a leap month (tháng nhuận) */
  leap: boolean;
}

/** Julian day number of a Gregorian date (Julian calendar before 15/10/1582). */
export function julianDay(day: number, month: number, year: number): number {
  const a = INT((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  let jd = day + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
  if (jd < 2299161) jd = day + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - 32083;
  return jd;
}

/** The Gregorian date of a Julian day number. */
export function fromJulianDay(jd: number): SolarDate {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = INT((4 * a + 3) / 146097);
    c = a - INT((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = INT((4 * c + 3) / 1461);
  const e = c - INT((1461 * d) / 4);
  const m = INT((5 * e + 2) / 153);
  return {
    day: e - INT((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * INT(m / 10),
    year: b * 100 + d - 4800 + INT(m / 10),
  };
}

/** The moment (Julian day, UTC) of the k-th new moon after 1/1/1900. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 -= 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The sun's apparent longitude (radians, 0..2π) at a Julian day (UTC). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L -= Math.PI * 2 * INT(L / (Math.PI * 2));
  return L;
}

/** Which of the 12 major solar-term sectors (0..11) the sun is in at the start of a local day. */
const sunSector = (dayNumber: number, tz: number): number => INT((sunLongitude(dayNumber - 0.5 - tz / 24) / Math.PI) * 6);

/** The local day (Julian day number) of the k-th new moon. */
const newMoonDay = (k: number, tz: number): number => INT(newMoon(k) + 0.5 + tz / 24);

/** The first day of the 11th lunar month (the one holding the winter solstice) of a Gregorian year. */
function lunarMonth11(year: number, tz: number): number {
  const off = julianDay(31, 12, year) - 2415021;
  const k = INT(off / 29.530588853);
  let nm = newMoonDay(k, tz);
  if (sunSector(nm, tz) >= 9) nm = newMoonDay(k - 1, tz);
  return nm;
}

/** Offset (in months after month 11) of the leap month in a 13-month lunar year starting at a11. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = INT((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let last: number;
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The Gregorian date of a lunar date in Vietnam; null for a leap month that year does not have. */
export function lunarToSolar(lunar: LunarDate, tz = VIETNAM_UTC_OFFSET_HOURS): SolarDate | null {
  let a11: number;
  let b11: number;
  if (lunar.month < 11) {
    a11 = lunarMonth11(lunar.year - 1, tz);
    b11 = lunarMonth11(lunar.year, tz);
  } else {
    a11 = lunarMonth11(lunar.year, tz);
    b11 = lunarMonth11(lunar.year + 1, tz);
  }
  let off = lunar.month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (lunar.leap && lunar.month !== leapMonth) return null;
    if (lunar.leap || off >= leapOff) off += 1;
  } else if (lunar.leap) {
    return null;
  }
  const k = INT(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  const monthStart = newMoonDay(k + off, tz);
  return fromJulianDay(monthStart + lunar.day - 1);
}

/** The lunar date of a Gregorian date in Vietnam. */
export function solarToLunar(solar: SolarDate, tz = VIETNAM_UTC_OFFSET_HOURS): LunarDate {
  const dayNumber = julianDay(solar.day, solar.month, solar.year);
  const k = INT((dayNumber - 2415021.076998695) / 29.530588853);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11(solar.year, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = solar.year;
    a11 = lunarMonth11(solar.year - 1, tz);
  } else {
    lunarYear = solar.year + 1;
    b11 = lunarMonth11(solar.year + 1, tz);
  }
  const day = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day, leap };
}

/** Mùng 1 Tết (lunar New Year's day) of a Gregorian year, as "YYYY-MM-DD". */
export function tetDate(year: number): string {
  return isoOf(lunarToSolar({ year, month: 1, day: 1, leap: false })!);
}

/** Giỗ Tổ Hùng Vương (10/3 lunar) of a Gregorian year, as "YYYY-MM-DD". */
export function hungKingsDate(year: number): string {
  return isoOf(lunarToSolar({ year, month: 3, day: 10, leap: false })!);
}

export const isoOf = (d: SolarDate): string =>
  `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;

//! ZStack dates: Gson's local-time strings without a zone, or epoch
//! milliseconds. A value that is not a real date is kept as sent.

use crate::wire::{DateValue, Raw};

/// A date as ZStack sends it.
#[derive(Clone, Debug, PartialEq)]
pub struct ZDate {
    /// The value exactly as sent.
    pub raw: String,
    pub parsed: Option<When>,
}

/// A parsed date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Server local time, no zone: year, month (1-12), day, hour, minute, second.
    Local(i32, u32, u32, u32, u32, u32),
    /// Milliseconds since the epoch.
    EpochMs(i64),
}

/// The largest distance from the epoch a JS `Date` holds (±100,000,000 days).
const MAX_EPOCH_MS: i64 = 8_640_000_000_000_000;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl ZDate {
    pub fn decode(raw: &str) -> ZDate {
        ZDate {
            raw: raw.to_string(),
            parsed: parse_date(raw),
        }
    }

    /// A date from the wire: a string, or a number of milliseconds.
    pub fn from_wire(value: DateValue) -> ZDate {
        match value {
            DateValue::Text(s) => ZDate::decode(&s),
            DateValue::EpochMs(n) => {
                let whole = n.is_finite() && n.fract() == 0.0 && n.abs() <= MAX_EPOCH_MS as f64;
                ZDate {
                    // Written by the same serializer as any other number.
                    raw: Raw::encode(&n).to_text(),
                    parsed: whole.then_some(When::EpochMs(n as i64)),
                }
            }
        }
    }
}

/// `s` as a whole number: ASCII digits only (no sign, no spaces), as a
/// date's or a port's digits are written; `None` on overflow.
pub fn whole_number(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// The number of days in month `m` (1-12) of year `y`.
fn days_in(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Gson's `"Nov 14, 2017 10:20:57 PM"`, newer JVMs' `"Nov 14, 2017, 10:20:57 PM"`
/// (either may use a narrow no-break space before AM/PM), or epoch
/// milliseconds. A day the month does not have, a year of fewer than four
/// digits, or an epoch beyond what a JS `Date` holds is not a date.
pub fn parse_date(raw: &str) -> Option<When> {
    let t = raw.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return whole_number(t)
            .and_then(|ms| i64::try_from(ms).ok())
            .filter(|ms| *ms <= MAX_EPOCH_MS)
            .map(When::EpochMs);
    }
    let t = t.replace(['\u{202f}', '\u{a0}'], " ").replace(',', " ");
    let w: Vec<&str> = t.split_ascii_whitespace().collect();
    let [mon, day, year, time, ampm] = w.as_slice() else {
        return None;
    };
    let m = MONTHS.iter().position(|x| x.eq_ignore_ascii_case(mon))? as u32 + 1;
    let small = |s: &str| whole_number(s).and_then(|n| u32::try_from(n).ok());
    if year.len() != 4 {
        return None;
    }
    let y = i32::try_from(small(year)?).ok()?;
    let d = small(day).filter(|d| (1..=days_in(y, m)).contains(d))?;
    let hms: Vec<u32> = time.split(':').map(small).collect::<Option<_>>()?;
    let [h, mi, s] = hms[..] else { return None };
    if !(1..=12).contains(&h) || mi > 59 || s > 59 {
        return None;
    }
    let h = if ampm.eq_ignore_ascii_case("AM") {
        h % 12
    } else if ampm.eq_ignore_ascii_case("PM") {
        h % 12 + 12
    } else {
        return None;
    };
    Some(When::Local(y, m, d, h, mi, s))
}

//! Dates as Gson's default `DateFormat` writes them on the real server
//! (`"Nov 14, 2017 10:20:57 PM"`, server local time, no zone).

use std::time::{SystemTime, UNIX_EPOCH};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Formats seconds since the epoch (taken as the server's local time).
pub fn format(epoch_secs: i64) -> String {
    let days = epoch_secs.div_euclid(86_400);
    let secs = epoch_secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let (h, min, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    let (h12, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    format!(
        "{} {}, {} {}:{:02}:{:02} {}",
        MONTHS[(m - 1) as usize],
        d,
        y,
        h12,
        min,
        s,
        ampm
    )
}

/// Now, in the same format.
pub fn now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    format(secs)
}

/// Reads a date this module writes back into seconds since the epoch.
pub fn parse(text: &str) -> Option<i64> {
    let t = text.replace(',', " ");
    let w: Vec<&str> = t.split_whitespace().collect();
    let [mon, day, year, time, ampm] = w.as_slice() else {
        return None;
    };
    let m = MONTHS.iter().position(|x| x == mon)? as i64 + 1;
    let (d, y): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
    let hms: Vec<i64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, min, s] = hms[..] else { return None };
    // Years a Gson date can hold; anything else (such as a 19-digit year)
    // is not a date, and no arithmetic below can overflow.
    let fits = (1..=9999).contains(&y)
        && (1..=31).contains(&d)
        && (1..=12).contains(&h)
        && (0..60).contains(&min)
        && (0..60).contains(&s);
    if !fits {
        return None;
    }
    let h = match *ampm {
        "AM" => h % 12,
        "PM" => h % 12 + 12,
        _ => return None,
    };
    Some(days_from_civil(y, m, d) * 86_400 + h * 3600 + min * 60 + s)
}

/// Howard Hinnant's civil-to-days conversion.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's days-to-civil conversion.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_the_published_example() {
        // 2017-11-14 22:20:57 UTC
        assert_eq!(super::format(1_510_698_057), "Nov 14, 2017 10:20:57 PM");
        assert_eq!(super::format(0), "Jan 1, 1970 12:00:00 AM");
        assert_eq!(super::format(43_200), "Jan 1, 1970 12:00:00 PM");
    }

    #[test]
    fn parses_what_it_formats() {
        for secs in [0, 43_200, 1_510_698_057, 1_700_000_000] {
            assert_eq!(super::parse(&super::format(secs)), Some(secs));
        }
        assert_eq!(super::parse("yesterday"), None);
    }
}

//! Which hour each booking takes. The history holds the hours 00–11 UTC of
//! the two years around today; the benchmark books only hours 12–23 UTC, so
//! it never meets the history, and each phase has days of its own.

use chrono::{DateTime, Duration, NaiveTime, Utc};

/// Hours of a day the history may take (00–11 UTC).
const HISTORY_HOURS: u64 = 12;
/// Days of history: a year back and a year ahead.
const HISTORY_DAYS: u64 = 730;
/// First day (from today) of the contended listing's hours.
const CONTENDED_FROM_DAY: i64 = 200;
/// First day (from today) of the plain-INSERT ceiling's rows: past the
/// history and the other phases.
const CEILING_FROM_DAY: i64 = 400;

/// The calendar of one run.
#[derive(Clone, Copy)]
pub struct Calendar {
    /// Midnight UTC today.
    pub today: DateTime<Utc>,
    /// How many listings the big hub has.
    pub listings: usize,
}

impl Calendar {
    /// The calendar of a hub with `listings` listings, from today.
    pub fn new(listings: usize) -> Calendar {
        let today = Utc::now().date_naive().and_time(NaiveTime::MIN).and_utc();
        Calendar { today, listings }
    }

    /// Fails when `count` history bookings do not fit in the history hours.
    pub fn check_history(&self, count: u64) -> anyhow::Result<()> {
        let hours = HISTORY_DAYS * HISTORY_HOURS;
        anyhow::ensure!(
            count.div_ceil(self.listings as u64) <= hours,
            "{count} bookings do not fit in {hours} hours of {} listings",
            self.listings
        );
        Ok(())
    }

    /// The `i`-th of `count` history bookings: its listing (an index) and
    /// start. Bookings go round the listings; each listing's are spread
    /// evenly over its history hours, so no two overlap (given
    /// `check_history`).
    pub fn history(&self, i: u64, count: u64) -> (usize, DateTime<Utc>) {
        let listings = self.listings as u64;
        let per_listing = count.div_ceil(listings).max(1);
        let slot = (i / listings) * (HISTORY_DAYS * HISTORY_HOURS) / per_listing;
        let start = self.today - Duration::days(365)
            + Duration::days((slot / HISTORY_HOURS) as i64)
            + Duration::hours((slot % HISTORY_HOURS) as i64);
        ((i % listings) as usize, start)
    }

    /// The `n`-th afternoon hour (12–23 UTC) from day `from_day` on.
    fn afternoon(&self, from_day: i64, n: u64) -> DateTime<Utc> {
        self.today
            + Duration::days(from_day + (n / 12) as i64)
            + Duration::hours(12 + (n % 12) as i64)
    }

    /// The `n`-th distinct free slot: listings 1.. in turn (listing 0 is
    /// the contended one), from tomorrow on.
    pub fn distinct(&self, n: u64) -> (usize, DateTime<Utc>) {
        let others = (self.listings - 1) as u64;
        (1 + (n % others) as usize, self.afternoon(1, n / others))
    }

    /// The hour the `n`-th request for the contended listing (listing 0)
    /// asks for: `clients` requests in a row ask for the same hour.
    pub fn contended(&self, n: u64, clients: u64) -> (usize, DateTime<Utc>) {
        (0, self.afternoon(CONTENDED_FROM_DAY, n / clients))
    }

    /// The `n`-th row of the plain-INSERT ceiling.
    pub fn ceiling(&self, n: u64) -> (usize, DateTime<Utc>) {
        let listings = self.listings as u64;
        (
            (n % listings) as usize,
            self.afternoon(CEILING_FROM_DAY, n / listings),
        )
    }
}

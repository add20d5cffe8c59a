//! Ranking search results: which candidates pass the distance filter, the
//! sort key of each, and the page after a cursor. Pure.
//!
//! Keys end with the listing id, so they are unique and a cursor (the last
//! key shown) continues without gaps or repeats even when rows tie.

use chrono::{DateTime, Utc};

use crate::entities::listing::PriceKind;

use super::geo::Point;
use super::text_search::fold;

/// Sort key of one result: primary, secondary, id. Smaller comes first.
pub type SortKey = (i64, i64, uuid::Uuid);

/// The order of search results.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListingSort {
    /// Best text match first (titles count most), then newest.
    #[default]
    Relevance,
    /// Nearest first; needs `near`.
    Distance,
    /// Cheapest unit price first.
    Price,
    /// Newest first.
    Newest,
}

/// What ranking needs of a listing.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// The listing.
    pub id: uuid::Uuid,
    /// Its title.
    pub title: &'a str,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// How it is priced, and its unit price.
    pub price: (PriceKind, i64),
    /// Where it is, if it says.
    pub position: Option<Point>,
}

/// The distance of `candidate` from the search's point, `Some(None)` when
/// there is no point, and `None` when it falls outside the radius (or has no
/// position to measure).
pub fn distance_within(
    candidate: &Candidate<'_>,
    near: Option<(Point, f64)>,
) -> Option<Option<f64>> {
    match (near, candidate.position) {
        (None, _) => Some(None),
        (Some(_), None) => None,
        (Some((point, radius)), Some(position)) => {
            let d = point.distance_km(position);
            (d <= radius).then_some(Some(d))
        }
    }
}

/// The sort key of `candidate` under `sort`, for the folded query `words`.
pub fn sort_key(
    candidate: &Candidate<'_>,
    sort: ListingSort,
    words: &[String],
    distance: Option<f64>,
) -> SortKey {
    let newest = -candidate.created_at.timestamp_micros();
    let id = candidate.id;
    match sort {
        ListingSort::Relevance => {
            // Without words every score is 0: no title needs folding (a
            // search of a whole hub ranks every candidate).
            let score: i64 = if words.is_empty() {
                0
            } else {
                let title = fold(candidate.title);
                words
                    .iter()
                    .map(|w| if title.contains(w.as_str()) { 3 } else { 1 })
                    .sum()
            };
            (-score, newest, id)
        }
        // Metres, so the key is an integer.
        ListingSort::Distance => (
            distance.map_or(i64::MAX, |d| (d * 1000.0).round() as i64),
            0,
            id,
        ),
        ListingSort::Price => {
            let price = match candidate.price {
                (PriceKind::Free, _) => 0,
                (_, unit_price) => unit_price,
            };
            (price, newest, id)
        }
        ListingSort::Newest => (newest, 0, id),
    }
}

/// Sorts `results` and keeps the page after `after`: the page, whether
/// anything came before it, and whether more follow.
pub fn page_after<T>(
    mut results: Vec<(SortKey, T)>,
    after: Option<SortKey>,
    limit: usize,
) -> (Vec<(SortKey, T)>, bool, bool) {
    results.sort_by_key(|(key, _)| *key);
    let start = after.map_or(0, |cursor| {
        results.partition_point(|(key, _)| *key <= cursor)
    });
    let has_next = results.len() > start + limit;
    let page = results.into_iter().skip(start).take(limit).collect();
    (page, start > 0, has_next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(id: u128, title: &str, micros: i64, price: (PriceKind, i64)) -> Candidate<'_> {
        Candidate {
            id: uuid::Uuid::from_u128(id),
            title,
            created_at: DateTime::from_timestamp_micros(micros).expect("instant"),
            price,
            position: Some(Point {
                latitude: 45.07,
                longitude: 7.68,
            }),
        }
    }

    #[test]
    fn title_matches_rank_first_then_newest() {
        let words = vec!["sala".to_owned()];
        let in_title = candidate(1, "Sala grande", 1, (PriceKind::Free, 0));
        let elsewhere = candidate(2, "Scrivania", 2, (PriceKind::Free, 0));
        let newer_in_title = candidate(3, "La SALA", 3, (PriceKind::Free, 0));
        let mut keys: Vec<_> = [in_title, elsewhere, newer_in_title]
            .iter()
            .map(|c| {
                (
                    sort_key(c, ListingSort::Relevance, &words, None),
                    c.id.as_u128(),
                )
            })
            .collect();
        keys.sort();
        assert_eq!(keys.iter().map(|k| k.1).collect::<Vec<_>>(), [3, 1, 2]);
    }

    #[test]
    fn free_listings_sort_as_price_zero() {
        let free = candidate(1, "a", 0, (PriceKind::Free, 5_000));
        let paid = candidate(2, "b", 0, (PriceKind::PerUnit, 100));
        assert!(
            sort_key(&free, ListingSort::Price, &[], None)
                < sort_key(&paid, ListingSort::Price, &[], None)
        );
    }

    #[test]
    fn the_radius_keeps_near_listings_and_drops_those_without_a_position() {
        let here = Point {
            latitude: 45.07,
            longitude: 7.68,
        };
        let mut c = candidate(1, "a", 0, (PriceKind::Free, 0));
        assert!(matches!(distance_within(&c, Some((here, 1.0))), Some(Some(d)) if d < 0.01));
        let far = Point {
            latitude: 45.5,
            longitude: 7.68,
        };
        assert_eq!(distance_within(&c, Some((far, 1.0))), None);
        assert_eq!(distance_within(&c, None), Some(None));
        c.position = None;
        assert_eq!(distance_within(&c, Some((here, 1.0))), None);
    }

    #[test]
    fn pages_follow_the_cursor_without_gaps_or_repeats() {
        let results: Vec<(SortKey, u32)> = (0..7u32)
            .map(|i| {
                (
                    (i64::from(i % 3), 0, uuid::Uuid::from_u128(u128::from(i))),
                    i,
                )
            })
            .collect();
        let (first, had_previous, more) = page_after(results.clone(), None, 3);
        assert!(!had_previous && more);
        let (second, had_previous, _) = page_after(results.clone(), Some(first[2].0), 3);
        assert!(had_previous);
        let (third, _, more) = page_after(results, Some(second[2].0), 3);
        assert!(!more);
        let mut seen: Vec<u32> = first
            .iter()
            .chain(&second)
            .chain(&third)
            .map(|r| r.1)
            .collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..7).collect::<Vec<_>>());
    }
}

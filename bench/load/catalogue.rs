//! The listings the benchmark seeds: bookable hourly spaces for one person
//! with instant approval and a two-year horizon, titled and described from a
//! small Italian vocabulary so a text search matches a realistic share, and
//! scattered within about 5 km of the centre of Turin.

use portineria::listings::geo::Point;
use portineria::listings::model::{ApprovalMode, ListingKind};
use portineria::listings::spec::ListingSpec;

use crate::harness::Lcg;

/// The centre the listings are scattered around, and searched near.
pub const TURIN: Point = Point {
    latitude: 45.07,
    longitude: 7.68,
};

const NOUNS: [&str; 12] = [
    "sala",
    "aula",
    "laboratorio",
    "studio",
    "cortile",
    "officina",
    "biblioteca",
    "cucina",
    "palestra",
    "terrazza",
    "magazzino",
    "salotto",
];
const ADJECTIVES: [&str; 10] = [
    "luminosa",
    "tranquilla",
    "grande",
    "piccola",
    "accogliente",
    "attrezzata",
    "silenziosa",
    "spaziosa",
    "condivisa",
    "riscaldata",
];
const WORDS: [&str; 16] = [
    "quartiere",
    "riunioni",
    "prove",
    "musica",
    "corsi",
    "lettura",
    "bambini",
    "feste",
    "proiettore",
    "tavoli",
    "sedie",
    "wifi",
    "giardino",
    "ascensore",
    "cucina",
    "lavagna",
];
const CATEGORIES: [&str; 5] = ["room", "desk", "studio", "workshop", "outdoor"];

/// The `n`-th listing of an organization.
pub fn listing(n: usize, organization: uuid::Uuid) -> ListingSpec {
    let mut rng = Lcg(n as u64 * 7_919 + 17);
    let title = format!(
        "{} {} {n}",
        pick(&mut rng, &NOUNS),
        pick(&mut rng, &ADJECTIVES)
    );
    let description = (0..8)
        .map(|_| pick(&mut rng, &WORDS))
        .collect::<Vec<_>>()
        .join(" ");
    let tags = vec![
        pick(&mut rng, &WORDS).to_owned(),
        pick(&mut rng, &WORDS).to_owned(),
    ];
    let category = CATEGORIES[n % CATEGORIES.len()];
    let mut spec = ListingSpec::new(organization, ListingKind::Space, title, category.into());
    spec.description = description;
    spec.tags = tags;
    spec.approval = ApprovalMode::Instant;
    spec.capacity = 1;
    spec.horizon_days = 730;
    // About 5 km either way: a degree of latitude is 111 km, of longitude
    // here about 79 km.
    spec.point = Some(Point {
        latitude: TURIN.latitude + (rng.next(2_001) as f64 - 1_000.0) / 1_000.0 * 0.045,
        longitude: TURIN.longitude + (rng.next(2_001) as f64 - 1_000.0) / 1_000.0 * 0.063,
    });
    spec
}

fn pick(rng: &mut Lcg, words: &[&'static str]) -> &'static str {
    words[rng.next(words.len() as u64) as usize]
}

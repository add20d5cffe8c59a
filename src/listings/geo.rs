//! Points on the map: validation, distances and bounding boxes.

use crate::error::{AppError, AppResult};
use crate::msg;

/// A WGS 84 position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Degrees north, -90 to 90.
    pub latitude: f64,
    /// Degrees east, -180 to 180.
    pub longitude: f64,
}

const EARTH_RADIUS_KM: f64 = 6371.0088;

impl Point {
    /// Checks the ranges; `field` prefixes the error's field (`input`).
    pub fn parse(latitude: f64, longitude: f64, field: &str) -> AppResult<Point> {
        if !latitude.is_finite() || !(-90.0..=90.0).contains(&latitude) {
            return Err(AppError::validation(
                format!("{field}.latitude"),
                msg!("geo-latitude"),
            ));
        }
        if !longitude.is_finite() || !(-180.0..=180.0).contains(&longitude) {
            return Err(AppError::validation(
                format!("{field}.longitude"),
                msg!("geo-longitude"),
            ));
        }
        Ok(Point {
            latitude,
            longitude,
        })
    }

    /// Great-circle distance in kilometres (haversine).
    pub fn distance_km(self, other: Point) -> f64 {
        let (lat1, lat2) = (self.latitude.to_radians(), other.latitude.to_radians());
        let dlat = lat2 - lat1;
        let dlon = (other.longitude - self.longitude).to_radians();
        let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * a.sqrt().asin()
    }

    /// A box around the point that contains every point within `radius_km`:
    /// a cheap pre-filter the database can use before the exact distance.
    pub fn bounding_box(self, radius_km: f64) -> BoundingBox {
        let dlat = (radius_km / EARTH_RADIUS_KM).to_degrees();
        let cos = self.latitude.to_radians().cos().max(1e-6);
        let dlon = (dlat / cos).min(180.0);
        BoundingBox {
            south: (self.latitude - dlat).max(-90.0),
            north: (self.latitude + dlat).min(90.0),
            west: (self.longitude - dlon).max(-180.0),
            east: (self.longitude + dlon).min(180.0),
        }
    }
}

/// An area between two parallels and two meridians (not crossing the antimeridian).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    /// The southern edge.
    pub south: f64,
    /// The western edge.
    pub west: f64,
    /// The northern edge.
    pub north: f64,
    /// The eastern edge.
    pub east: f64,
}

impl BoundingBox {
    /// Checks the corners: valid points, south below north, west of east.
    pub fn parse(
        south: f64,
        west: f64,
        north: f64,
        east: f64,
        field: &str,
    ) -> AppResult<BoundingBox> {
        Point::parse(south, west, field)?;
        Point::parse(north, east, field)?;
        if south > north || west > east {
            return Err(AppError::validation(field.to_owned(), msg!("geo-box")));
        }
        Ok(BoundingBox {
            south,
            west,
            north,
            east,
        })
    }

    /// Whether `p` is inside (edges included).
    pub fn contains(&self, p: Point) -> bool {
        (self.south..=self.north).contains(&p.latitude)
            && (self.west..=self.east).contains(&p.longitude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_match_known_city_pairs() {
        let torino = Point::parse(45.0703, 7.6869, "p").unwrap();
        let milano = Point::parse(45.4642, 9.19, "p").unwrap();
        let d = torino.distance_km(milano);
        assert!((d - 125.0).abs() < 3.0, "{d}");
        assert!(torino.distance_km(torino) < 1e-9);
    }

    #[test]
    fn the_bounding_box_contains_the_whole_radius() {
        let centre = Point::parse(45.07, 7.68, "p").unwrap();
        let bbox = centre.bounding_box(2.0);
        for bearing in 0..36 {
            let angle = f64::from(bearing * 10).to_radians();
            // A point about 1.99 km away in every direction.
            let p = Point {
                latitude: centre.latitude + (1.99 / 111.2) * angle.cos(),
                longitude: centre.longitude
                    + (1.99 / (111.2 * centre.latitude.to_radians().cos())) * angle.sin(),
            };
            assert!(centre.distance_km(p) <= 2.0);
            assert!(bbox.contains(p), "{p:?}");
        }
    }

    #[test]
    fn impossible_coordinates_name_their_field() {
        match Point::parse(200.0, 7.0, "input") {
            Err(AppError::Validation { field, .. }) => assert_eq!(field, "input.latitude"),
            other => panic!("{other:?}"),
        }
        assert!(Point::parse(45.0, -181.0, "input").is_err());
        assert!(Point::parse(f64::NAN, 7.0, "input").is_err());
        assert!(BoundingBox::parse(46.0, 7.0, 45.0, 8.0, "within").is_err());
    }
}

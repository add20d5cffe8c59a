//! The public directory: every hub's published public listings, as GraphQL
//! (`directory`) and as GeoJSON (`GET /directory.geojson`), the open map of
//! spaces and services. Nothing else may appear: the query reads only through
//! `scope::public_listings`, and on PostgreSQL outside any hub, where row-level
//! security admits nothing but those rows.

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, ID, InputObject, Object};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{Value, json};

use crate::api::context::ContextExt;
use crate::api::pagination::{Page, decode_after, into_page, page_size};
use crate::db::scope::public_listings;
use crate::db::{self, Access};
use crate::entities::{hub, listing};
use crate::error::{AppError, AppResult};
use crate::ids::HubId;
use crate::state::Services;
use crate::tenancy::loader::HubLoader;

use super::model::ListingKind;
use super::schema::Location;
use super::text_search::{fold, search_words};

/// The most features one GeoJSON answer carries.
const GEOJSON_LIMIT: u64 = 5_000;

/// Directory filters.
#[derive(InputObject, Default)]
pub struct DirectoryFilter {
    pub kind: Option<ListingKind>,
    pub category: Option<String>,
    /// Words to find (any case, any accents).
    pub text: Option<String>,
}

/// A public listing of some hub.
pub struct DirectoryEntry {
    row: listing::Model,
    link: String,
}

#[Object]
impl DirectoryEntry {
    async fn id(&self) -> ID {
        ID(self.row.id.to_string())
    }
    async fn title(&self) -> &str {
        &self.row.title
    }
    async fn kind(&self) -> ListingKind {
        self.row.kind
    }
    async fn category(&self) -> &str {
        &self.row.category
    }
    async fn location(&self) -> Option<Location> {
        Some(Location::new(self.row.latitude?, self.row.longitude?))
    }
    /// Its public page: `GET` it for the listing as GeoJSON.
    async fn link(&self) -> &str {
        &self.link
    }
    /// The hub that offers it.
    async fn hub(&self, ctx: &Context<'_>) -> async_graphql::Result<DirectoryHub> {
        let loader = ctx.data::<DataLoader<HubLoader>>()?;
        let hub = loader
            .load_one(HubId(self.row.tenant_id))
            .await
            .map_err(AppError::from)?
            .ok_or_else(|| AppError::Internal("listing without its hub".into()))?;
        Ok(DirectoryHub(hub))
    }
}

/// A hub as the directory shows it.
pub struct DirectoryHub(hub::Model);

#[Object]
impl DirectoryHub {
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
}

fn link(services: &Services, hub_slug: &str, id: uuid::Uuid) -> String {
    public_link(&services.settings.public_url, hub_slug, id)
}

/// The public address of the listing `id` of the hub `hub_slug`, served
/// while it [`has_public_page`].
pub fn public_link(public_url: &str, hub_slug: &str, id: uuid::Uuid) -> String {
    format!("{public_url}/directory/{hub_slug}/{id}")
}

/// Whether `row` has a page at its [`public_link`]: published for everyone
/// (the rows of `public_listings`) with a place on the map (a directory
/// entry is a point).
pub fn has_public_page(row: &listing::Model) -> bool {
    row.status == listing::ListingStatus::Published
        && row.visibility == listing::Visibility::Public
        && row.latitude.is_some()
        && row.longitude.is_some()
}

/// One page of public listings, oldest first, after the id `after`.
async fn page(
    services: &Services,
    filter: &DirectoryFilter,
    after: Option<uuid::Uuid>,
    limit: u64,
) -> AppResult<Vec<listing::Model>> {
    let mut query = public_listings()
        .order_by_asc(listing::Column::Id)
        .limit(limit);
    if let Some(kind) = filter.kind {
        query = query.filter(listing::Column::Kind.eq(kind));
    }
    if let Some(category) = &filter.category {
        query = query.filter(listing::Column::Category.eq(fold(category)));
    }
    let words = filter
        .text
        .as_deref()
        .map(|text| search_words(text, "filter.text"))
        .transpose()?
        .unwrap_or_default();
    for word in words {
        query = query.filter(listing::Column::SearchText.like(format!("%{word}%")));
    }
    if let Some(after) = after {
        query = query.filter(listing::Column::Id.gt(after));
    }
    let tx = services.db.begin(Access::Read, None).await?;
    let rows = query.all(&tx).await?;
    db::commit(tx).await?;
    Ok(rows)
}

async fn hub_slugs(
    services: &Services,
    rows: &[listing::Model],
) -> AppResult<std::collections::HashMap<uuid::Uuid, String>> {
    let ids: Vec<HubId> = rows.iter().map(|r| HubId(r.tenant_id)).collect();
    let tx = services.db.begin(Access::Read, None).await?;
    let hubs = crate::tenancy::store::find_hubs(&tx, &ids).await?;
    db::commit(tx).await?;
    Ok(hubs.into_iter().map(|h| (h.id, h.slug)).collect())
}

/// The directory query.
#[derive(Default)]
pub struct DirectoryQuery;

#[Object]
impl DirectoryQuery {
    /// Published public listings of every hub. Needs no hub and no login.
    async fn directory(
        &self,
        ctx: &Context<'_>,
        filter: Option<DirectoryFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<uuid::Uuid, DirectoryEntry>> {
        let services = ctx.services()?;
        let limit = page_size(first)?;
        let after = decode_after::<uuid::Uuid>(after)?;
        let rows = page(
            services,
            &filter.unwrap_or_default(),
            after,
            limit as u64 + 1,
        )
        .await?;
        let slugs = hub_slugs(services, &rows).await?;
        Ok(into_page(rows, limit, after.is_some(), |row| {
            let slug = slugs
                .get(&row.tenant_id)
                .map(String::as_str)
                .unwrap_or_default();
            let link = link(services, slug, row.id);
            (row.id, DirectoryEntry { row, link })
        }))
    }
}

/// `GET /directory.geojson`: the public listings that have a position, as a
/// GeoJSON FeatureCollection (longitude first, as GeoJSON wants).
pub async fn geojson(State(services): State<Services>) -> Response {
    let services = &services;
    let rows = async {
        let tx = services.db.begin(Access::Read, None).await?;
        let rows = public_listings()
            .filter(listing::Column::Latitude.is_not_null())
            .filter(listing::Column::Longitude.is_not_null())
            .order_by_asc(listing::Column::Id)
            .limit(GEOJSON_LIMIT)
            .all(&tx)
            .await?;
        db::commit(tx).await?;
        let slugs = hub_slugs(services, &rows).await?;
        Ok::<_, AppError>((rows, slugs))
    }
    .await;
    let (rows, slugs) = match rows {
        Ok(found) => found,
        Err(err) => {
            tracing::error!(error = %err.explain(), "directory.geojson failed");
            return (StatusCode::INTERNAL_SERVER_ERROR, "directory unavailable").into_response();
        }
    };
    let features: Vec<Value> = rows
        .iter()
        .filter_map(|row| feature(services, row, slugs.get(&row.tenant_id)?))
        .collect();
    (
        [(header::CONTENT_TYPE, "application/geo+json")],
        Json(json!({"type": "FeatureCollection", "features": features})),
    )
        .into_response()
}

/// One public listing as a GeoJSON Feature; `None` without a position.
fn feature(services: &Services, row: &listing::Model, hub_slug: &str) -> Option<Value> {
    let (latitude, longitude) = row.latitude.zip(row.longitude)?;
    Some(json!({
        "type": "Feature",
        "id": row.id.to_string(),
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": {
            "hub": hub_slug,
            "title": row.title,
            "kind": row.kind.as_str(),
            "category": row.category,
            "link": link(services, hub_slug, row.id),
        },
    }))
}

/// `GET /directory/{hub}/{id}`: one public listing as a GeoJSON Feature
/// (the `link` of the directory); 404 for anything not in the directory.
pub async fn entry(
    State(services): State<Services>,
    Path((hub_slug, id)): Path<(String, String)>,
) -> Response {
    let services = &services;
    let Ok(id) = uuid::Uuid::parse_str(&id) else {
        return (StatusCode::NOT_FOUND, "no such public listing").into_response();
    };
    let found = async {
        let tx = services.db.begin(Access::Read, None).await?;
        let row = public_listings()
            .filter(listing::Column::Id.eq(id))
            .one(&tx)
            .await?;
        db::commit(tx).await?;
        let Some(row) = row else { return Ok(None) };
        let slugs = hub_slugs(services, std::slice::from_ref(&row)).await?;
        Ok::<_, AppError>(
            slugs
                .get(&row.tenant_id)
                .filter(|s| **s == hub_slug)
                .and_then(|slug| feature(services, &row, slug)),
        )
    }
    .await;
    match found {
        Ok(Some(feature)) => (
            [(header::CONTENT_TYPE, "application/geo+json")],
            Json(feature),
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "no such public listing").into_response(),
        Err(err) => {
            tracing::error!(error = %err.explain(), "directory entry failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "directory unavailable").into_response()
        }
    }
}

//! `listings`: what can be booked. Hub-owned.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "listings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub kind: String,
    pub category: String,
    pub title: String,
    pub description: String,
    pub search_text: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub capacity: i32,
    pub unit_kind: String,
    pub unit_minutes: i32,
    pub min_units: i32,
    pub max_units: i32,
    pub buffer_before_minutes: i32,
    pub buffer_after_minutes: i32,
    pub lead_time_minutes: i32,
    pub horizon_days: i32,
    pub approval_mode: String,
    pub price_kind: String,
    pub unit_price: i64,
    pub member_unit_price: Option<i64>,
    pub cancellation_policy: String,
    pub opening_hours: String,
    pub photos: String,
    pub visibility: String,
    pub status: String,
    pub review_note: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

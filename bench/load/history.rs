//! Booking rows written straight into the `bookings` table as the database
//! owner: the seeded history (confirmed hourly bookings spread over two
//! years) and the plain-`INSERT` ceiling. Every column is filled as
//! `bookings::engine::create` fills it for an instant booking of a free
//! listing bought at the desk.

use chrono::{DateTime, Utc};
use portineria::bookings::checkout::Checkout;
use portineria::bookings::engine::{BookingRequest, fingerprint};
use portineria::bookings::period::Period;
use portineria::bookings::terms;
use portineria::listings::cancellation::CancellationPolicy;
use portineria::listings::pricing::{PriceRule, quote};
use portineria::listings::stored::policy_to_json;
use portineria::listings::tax::TaxRate;
use portineria::money::Currency;
use sea_orm::{
    ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement, TransactionTrait, Value,
};

const COLUMNS: [&str; 27] = [
    "tenant_id",
    "id",
    "listing_id",
    "customer_id",
    "starts_at",
    "ends_at",
    "quantity",
    "status",
    "currency",
    "gross",
    "commission",
    "provider_net",
    "refund_due",
    "idempotency_key",
    "fingerprint",
    "note",
    "reason",
    "response_deadline",
    "series_id",
    "price_lines",
    "cancellation_policy",
    "commission_bps",
    "paid_online",
    "tax_rate_bps",
    "tax",
    "created_at",
    "updated_at",
];

/// Rows per multi-row `INSERT` of the history (27 values each: within both
/// backends' limit on bound values).
const BATCH: usize = 1_000;

/// The terms every benchmark booking is sold with, priced by the library.
pub struct Terms {
    currency: String,
    gross: i64,
    commission: i64,
    provider_net: i64,
    tax: i64,
    tax_rate_bps: i32,
    price_lines: String,
    cancellation_policy: String,
    commission_bps: i32,
}

impl Terms {
    /// A one-hour, one-seat booking of a free listing with the flexible
    /// policy in a hub taking `commission_bps`.
    pub fn free_listing(commission_bps: i32) -> anyhow::Result<Terms> {
        let currency = Currency::parse("EUR").ok_or_else(|| anyhow::anyhow!("currency"))?;
        let quote = quote(
            &PriceRule::Free,
            currency,
            1,
            1,
            true,
            u32::try_from(commission_bps)?,
            TaxRate::NONE,
        )
        .map_err(|e| anyhow::anyhow!(e.explain()))?;
        Ok(Terms {
            currency: "EUR".to_owned(),
            gross: quote.gross.amount,
            commission: quote.commission.amount,
            provider_net: quote.provider_net.amount,
            tax: quote.tax.amount,
            tax_rate_bps: quote.tax_rate.as_i32(),
            price_lines: terms::lines_to_json(&quote).map_err(|e| anyhow::anyhow!(e.explain()))?,
            cancellation_policy: policy_to_json(&CancellationPolicy::flexible()),
            commission_bps,
        })
    }
}

/// Who books: the hub and the customer.
#[derive(Clone, Copy)]
pub struct Owner {
    pub hub: uuid::Uuid,
    pub customer: uuid::Uuid,
}

/// One confirmed booking of `listing` for the hour from `start`.
pub struct Row {
    pub listing: uuid::Uuid,
    pub start: DateTime<Utc>,
    pub key: String,
}

impl Row {
    fn values(&self, owner: Owner, terms: &Terms, now: DateTime<Utc>) -> Vec<Value> {
        let end = self.start + chrono::Duration::hours(1);
        let digest = fingerprint(&BookingRequest {
            listing: self.listing,
            period: Period {
                start: self.start,
                end,
                quantity: 1,
            },
            idempotency_key: self.key.clone(),
            note: String::new(),
            series: None,
            checkout: Checkout::AtTheDesk,
        });
        vec![
            owner.hub.into(),
            uuid::Uuid::now_v7().into(),
            self.listing.into(),
            owner.customer.into(),
            self.start.into(),
            end.into(),
            1i32.into(),
            "CONFIRMED".into(),
            terms.currency.clone().into(),
            terms.gross.into(),
            terms.commission.into(),
            terms.provider_net.into(),
            Option::<i64>::None.into(),
            self.key.clone().into(),
            digest.into(),
            String::new().into(),
            Option::<String>::None.into(),
            Option::<DateTime<Utc>>::None.into(),
            Option::<uuid::Uuid>::None.into(),
            terms.price_lines.clone().into(),
            terms.cancellation_policy.clone().into(),
            terms.commission_bps.into(),
            false.into(),
            terms.tax_rate_bps.into(),
            terms.tax.into(),
            now.into(),
            now.into(),
        ]
    }
}

/// A multi-row `INSERT` of `rows` rows in the backend's placeholder style.
fn insert_sql(backend: DbBackend, rows: usize) -> String {
    let mut sql = format!("INSERT INTO bookings ({}) VALUES ", COLUMNS.join(", "));
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..COLUMNS.len() {
            if column > 0 {
                sql.push_str(", ");
            }
            match backend {
                DbBackend::Postgres => {
                    sql.push_str(&format!("${}", row * COLUMNS.len() + column + 1))
                }
                _ => sql.push('?'),
            }
        }
        sql.push(')');
    }
    sql
}

/// A pool of `size` connections as the database owner, set up for SQLite as
/// the server sets up its own (WAL, waiting for the write lock).
pub async fn owner_pool(url: &str, size: u32) -> anyhow::Result<DatabaseConnection> {
    let mut options = portineria::db::connect_options(url, size);
    options.min_connections(size);
    Ok(Database::connect(options).await?)
}

/// Inserts `rows` in one transaction, `BATCH` rows per statement, then
/// refreshes the planner's statistics.
pub async fn insert_all(
    conn: &DatabaseConnection,
    owner: Owner,
    terms: &Terms,
    rows: impl Iterator<Item = Row>,
) -> anyhow::Result<()> {
    let backend = conn.get_database_backend();
    let now = Utc::now();
    let full = insert_sql(backend, BATCH);
    let tx = conn.begin().await?;
    let mut values = Vec::with_capacity(BATCH * COLUMNS.len());
    let mut pending = 0;
    for row in rows {
        values.extend(row.values(owner, terms, now));
        pending += 1;
        if pending == BATCH {
            let batch = std::mem::replace(&mut values, Vec::with_capacity(BATCH * COLUMNS.len()));
            tx.execute_raw(Statement::from_sql_and_values(backend, &full, batch))
                .await?;
            pending = 0;
        }
    }
    if pending > 0 {
        tx.execute_raw(Statement::from_sql_and_values(
            backend,
            insert_sql(backend, pending),
            values,
        ))
        .await?;
    }
    tx.commit().await?;
    conn.execute_unprepared("ANALYZE").await?;
    Ok(())
}

/// Inserts one row on its own (autocommit: one transaction).
pub async fn insert_one(
    conn: &DatabaseConnection,
    owner: Owner,
    terms: &Terms,
    row: &Row,
) -> anyhow::Result<()> {
    let backend = conn.get_database_backend();
    conn.execute_raw(Statement::from_sql_and_values(
        backend,
        insert_sql(backend, 1),
        row.values(owner, terms, Utc::now()),
    ))
    .await?;
    Ok(())
}

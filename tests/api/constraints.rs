//! The database's own rules: a statement that breaks one is refused by the
//! database itself, naming the rule, on both backends; a migration that
//! would add a rule stops on old rows that break it.
//!
//! The statements run on a plain connection as the owner, past the server,
//! as a bug or a hand-written fix would.

use migration::constraints::{self as rule, UNIQUE_KEYS, violated};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use serde_json::{Value, json};

use crate::catalogue::{self, aurora, book};
use crate::db_test;
use crate::helpers::TestApp;

const BOOKING_COLUMNS: &[&str] = &[
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
    "created_at",
    "updated_at",
    "price_lines",
    "cancellation_policy",
    "commission_bps",
    "tax_rate_bps",
    "tax",
];

const LISTING_COLUMNS: &[&str] = &[
    "tenant_id",
    "id",
    "organization_id",
    "kind",
    "category",
    "title",
    "description",
    "search_text",
    "address",
    "latitude",
    "longitude",
    "capacity",
    "unit_kind",
    "unit_minutes",
    "min_units",
    "max_units",
    "buffer_before_minutes",
    "buffer_after_minutes",
    "lead_time_minutes",
    "horizon_days",
    "approval_mode",
    "price_kind",
    "unit_price",
    "member_unit_price",
    "cancellation_policy",
    "opening_hours",
    "photos",
    "visibility",
    "status",
    "review_note",
    "created_at",
    "updated_at",
    "tax_rate_bps",
];

const HUB_COLUMNS: &[&str] = &[
    "id",
    "slug",
    "name",
    "time_zone",
    "currency",
    "locale",
    "commission_bps",
    "created_at",
];

/// The columns of `table` as the migrations before the rules left them.
fn columns_of(table: &str) -> &'static [&'static str] {
    match table {
        "bookings" => BOOKING_COLUMNS,
        "listings" => LISTING_COLUMNS,
        "hubs" => HUB_COLUMNS,
        _ => panic!("no columns for {table}"),
    }
}

/// What makes a copy of a row a new row: fresh keys. The ids are borrowed
/// from other rows, which keeps them in each backend's own uuid format.
fn new_keys(table: &str) -> &'static [(&'static str, &'static str)] {
    match table {
        "bookings" => &[("id", "listing_id"), ("idempotency_key", "'copy'")],
        "listings" => &[("id", "organization_id")],
        "hubs" => &[
            ("id", "(SELECT u.id FROM users u LIMIT 1)"),
            ("slug", "'copy'"),
        ],
        _ => panic!("no keys for {table}"),
    }
}

/// `INSERT … SELECT` copying the first row of `table` with `changes`
/// (column, SQL expression over the copied row) applied.
fn copy_row(table: &str, columns: &[&str], changes: &[(&str, &str)]) -> String {
    let values: Vec<String> = columns
        .iter()
        .map(|c| {
            changes
                .iter()
                .rev()
                .find(|(column, _)| column == c)
                .map_or_else(|| (*c).to_owned(), |(_, value)| (*value).to_owned())
        })
        .collect();
    format!(
        "INSERT INTO {table} ({}) SELECT {} FROM {table} LIMIT 1",
        columns.join(", "),
        values.join(", ")
    )
}

fn update_all(table: &str, changes: &[(&str, &str)]) -> String {
    let sets: Vec<String> = changes.iter().map(|(c, v)| format!("{c} = {v}")).collect();
    format!("UPDATE {table} SET {}", sets.join(", "))
}

async fn connect(app: &TestApp) -> DatabaseConnection {
    Database::connect(&app.database_url).await.unwrap()
}

/// Runs `sql`, expecting the database to refuse it naming one of `rules`.
async fn assert_refused(db: &DatabaseConnection, sql: &str, rules: &[&str]) {
    let message = match db.execute_unprepared(sql).await {
        Ok(_) => panic!("accepted, but breaks {rules:?}: {sql}"),
        Err(err) => err.to_string(),
    };
    let named = violated(&message);
    assert!(
        named.is_some_and(|n| rules.contains(&n)),
        "{sql}\nshould be refused naming one of {rules:?}, got: {message}"
    );
}

async fn number(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "n")
        .unwrap()
}

async fn text(db: &DatabaseConnection, sql: &str) -> String {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "t")
        .unwrap()
}

/// The columns each later migration added, which the schema before the
/// rules does not have.
fn added_later(table: &str) -> &'static [&'static str] {
    match table {
        "bookings" => &[
            "price_lines",
            "cancellation_policy",
            "commission_bps",
            "tax_rate_bps",
            "tax",
            "paid_online",
        ],
        "listings" => &["tax_rate_bps"],
        "hubs" => &["payment_provider", "stripe_mode", "stripe_account_id"],
        _ => &[],
    }
}

/// How many migrations come after the four that made the tables, rolled
/// back to see the schema before the rules (counted, not written down, so
/// that a new migration does not change what "before the rules" means).
fn after_the_tables() -> u32 {
    u32::try_from(Migrator::migrations().len() - 4).unwrap()
}

/// Rule objects on the three tables: PostgreSQL's CHECKs, SQLite's triggers.
async fn rule_objects(db: &DatabaseConnection) -> i64 {
    let sql = match db.get_database_backend() {
        DbBackend::Sqlite => {
            // The row rules' triggers, not those that move the identity generation.
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('bookings', 'listings', 'hubs') \
             AND name NOT LIKE '%identity_generation%'"
        }
        _ => {
            "SELECT COUNT(*) AS n FROM pg_constraint WHERE contype = 'c' AND conrelid IN ('bookings'::regclass, 'listings'::regclass, 'hubs'::regclass)"
        }
    };
    number(db, sql).await
}

/// Hub aurora, a priced published room and one booking of 2 seats × 2 h.
async fn booked(app: &TestApp) {
    let hub = aurora(app).await;
    let room = catalogue::published(app, "aurora", &hub.manager, &hub.cooperative, json!({
        "approvalMode": "INSTANT", "capacity": 4,
        "price": {"kind": "PER_UNIT_AND_SEAT", "unitPrice": 1500, "memberUnitPrice": 1000},
        "cancellationPolicy": [{"minNoticeHours": 48, "refundPercent": 100}, {"minNoticeHours": 0, "refundPercent": 50}]}))
    .await;
    book(app, &hub.member, &room, 10, 12, 2, "k1").await.data();
}

/// Column changes: (column, SQL expression over the row).
type Changes = Vec<(&'static str, &'static str)>;

/// Each case: a table, the changes that break it, and the rules that may be
/// named. Every rule but one is broken alone somewhere; a negative gross
/// cannot be, since net, commission and tax sum to it and none may be
/// negative. The booking is untaxed (rate 0, tax 0).
fn broken_rows() -> Vec<(&'static str, Changes, Vec<&'static str>)> {
    vec![
        (
            "bookings",
            vec![("quantity", "0")],
            vec![rule::BOOKING_QUANTITY_POSITIVE],
        ),
        (
            "bookings",
            vec![("quantity", "-3")],
            vec![rule::BOOKING_QUANTITY_POSITIVE],
        ),
        (
            "bookings",
            vec![("ends_at", "starts_at")],
            vec![rule::BOOKING_ENDS_AFTER_START],
        ),
        (
            "bookings",
            vec![("starts_at", "ends_at"), ("ends_at", "starts_at")],
            vec![rule::BOOKING_ENDS_AFTER_START],
        ),
        (
            "bookings",
            vec![("gross", "-1"), ("commission", "0"), ("provider_net", "-1")],
            vec![
                rule::BOOKING_GROSS_NON_NEGATIVE,
                rule::BOOKING_PROVIDER_NET_NON_NEGATIVE,
            ],
        ),
        (
            "bookings",
            vec![("commission", "-1"), ("provider_net", "gross + 1")],
            vec![rule::BOOKING_COMMISSION_NON_NEGATIVE],
        ),
        (
            "bookings",
            vec![("provider_net", "-1"), ("commission", "gross + 1")],
            vec![rule::BOOKING_PROVIDER_NET_NON_NEGATIVE],
        ),
        (
            "bookings",
            vec![("commission", "commission + 1")],
            vec![rule::BOOKING_GROSS_ADDS_UP],
        ),
        (
            "bookings",
            vec![("gross", "gross - 1")],
            vec![rule::BOOKING_GROSS_ADDS_UP],
        ),
        (
            "bookings",
            vec![("refund_due", "gross + 1")],
            vec![rule::BOOKING_REFUND_WITHIN_GROSS],
        ),
        (
            "bookings",
            vec![("refund_due", "-1")],
            vec![rule::BOOKING_REFUND_WITHIN_GROSS],
        ),
        (
            "bookings",
            vec![("commission_bps", "10001")],
            vec![rule::BOOKING_COMMISSION_BPS_RANGE],
        ),
        (
            "bookings",
            vec![("commission_bps", "-1")],
            vec![rule::BOOKING_COMMISSION_BPS_RANGE],
        ),
        (
            "bookings",
            vec![("tax_rate_bps", "5001")],
            vec![rule::BOOKING_TAX_RATE_RANGE],
        ),
        (
            "bookings",
            vec![("tax_rate_bps", "-1")],
            vec![rule::BOOKING_TAX_RATE_RANGE],
        ),
        (
            "bookings",
            vec![("tax_rate_bps", "2200")],
            vec![rule::BOOKING_TAX_MATCHES_RATE],
        ),
        (
            "bookings",
            vec![("tax", "1"), ("provider_net", "provider_net - 1")],
            vec![rule::BOOKING_TAX_MATCHES_RATE],
        ),
        (
            "bookings",
            vec![("tax", "tax + 1")],
            vec![rule::BOOKING_GROSS_ADDS_UP, rule::BOOKING_TAX_MATCHES_RATE],
        ),
        (
            "bookings",
            vec![("price_lines", "''")],
            vec![rule::BOOKING_TERMS_RECORDED],
        ),
        (
            "bookings",
            vec![("cancellation_policy", "'none'")],
            vec![rule::BOOKING_TERMS_RECORDED],
        ),
        (
            "listings",
            vec![("capacity", "0")],
            vec![rule::LISTING_CAPACITY_POSITIVE],
        ),
        (
            "listings",
            vec![("unit_price", "-1")],
            vec![rule::LISTING_UNIT_PRICE_NON_NEGATIVE],
        ),
        (
            "listings",
            vec![("member_unit_price", "-1")],
            vec![rule::LISTING_MEMBER_UNIT_PRICE_NON_NEGATIVE],
        ),
        (
            "listings",
            vec![("min_units", "0")],
            vec![rule::LISTING_MIN_UNITS_POSITIVE],
        ),
        (
            "listings",
            vec![("max_units", "min_units - 1")],
            vec![rule::LISTING_MAX_UNITS_AT_LEAST_MIN],
        ),
        (
            "listings",
            vec![("buffer_before_minutes", "-1")],
            vec![rule::LISTING_BUFFERS_NON_NEGATIVE],
        ),
        (
            "listings",
            vec![("buffer_after_minutes", "-1")],
            vec![rule::LISTING_BUFFERS_NON_NEGATIVE],
        ),
        (
            "listings",
            vec![("lead_time_minutes", "-1")],
            vec![rule::LISTING_LEAD_TIME_NON_NEGATIVE],
        ),
        (
            "listings",
            vec![("horizon_days", "-1")],
            vec![rule::LISTING_HORIZON_NON_NEGATIVE],
        ),
        (
            "listings",
            vec![("tax_rate_bps", "5001")],
            vec![rule::LISTING_TAX_RATE_RANGE],
        ),
        (
            "listings",
            vec![("tax_rate_bps", "-1")],
            vec![rule::LISTING_TAX_RATE_RANGE],
        ),
        (
            "hubs",
            vec![("commission_bps", "10001")],
            vec![rule::HUB_COMMISSION_BPS_RANGE],
        ),
        (
            "hubs",
            vec![("commission_bps", "-1")],
            vec![rule::HUB_COMMISSION_BPS_RANGE],
        ),
    ]
}

db_test! {
    async fn the_database_refuses_every_row_that_breaks_a_rule(app) {
        booked(&app).await;
        let db = connect(&app).await;
        let mut named = Vec::new();
        for (table, changes, rules) in broken_rows() {
            assert_refused(&db, &update_all(table, &changes), &rules).await;
            let mut inserted = new_keys(table).to_vec();
            inserted.extend(changes.iter().copied());
            assert_refused(&db, &copy_row(table, columns_of(table), &inserted), &rules).await;
            named.extend(rules);
        }
        for name in rule::CHECKS {
            assert!(named.contains(name), "{name} is tested");
        }
        // Nothing above changed a row, and valid rows still pass.
        assert_eq!(number(&db, "SELECT COUNT(*) AS n FROM bookings").await, 1);
        for table in ["bookings", "listings", "hubs"] {
            db.execute_unprepared(&copy_row(table, columns_of(table), new_keys(table)))
                .await
                .unwrap_or_else(|e| panic!("a valid copy of a {table} row is refused: {e}"));
        }
        db.execute_unprepared(&update_all("bookings", &[("refund_due", "gross"), ("quantity", "1")]))
            .await
            .unwrap();
        db.execute_unprepared(&update_all("listings", &[("capacity", "1"), ("min_units", "2"), ("max_units", "2"), ("member_unit_price", "NULL")]))
            .await
            .unwrap();
        db.execute_unprepared(&update_all("hubs", &[("commission_bps", "10000")]))
            .await
            .unwrap();
        db.execute_unprepared(&update_all("hubs", &[("commission_bps", "0")]))
            .await
            .unwrap();
    }
}

db_test! {
    async fn unique_keys_are_reported_under_their_public_names(app) {
        booked(&app).await;
        let db = connect(&app).await;
        db.execute_unprepared("INSERT INTO listing_tags (tenant_id, listing_id, tag) SELECT tenant_id, id, 'bici' FROM listings")
            .await
            .unwrap();
        let copies = [
            (rule::BOOKING_IDEMPOTENCY_UNIQUE, copy_row("bookings", BOOKING_COLUMNS, &[("id", "listing_id")])),
            (rule::MEMBERSHIP_UNIQUE, copy_row("memberships", &["tenant_id", "user_id", "role", "created_at"], &[])),
            (rule::ORGANIZATION_MEMBER_UNIQUE, copy_row("organization_members", &["tenant_id", "organization_id", "user_id", "created_at"], &[])),
            (rule::LISTING_TAG_UNIQUE, copy_row("listing_tags", &["tenant_id", "listing_id", "tag"], &[])),
            (rule::USER_EMAIL_UNIQUE, copy_row("users", &["id", "email", "email_key", "name", "password_hash", "locale", "is_platform_admin", "created_at"], &[("id", "(SELECT h.id FROM hubs h LIMIT 1)")])),
            (rule::HUB_SLUG_UNIQUE, copy_row("hubs", HUB_COLUMNS, &[("id", "(SELECT u.id FROM users u LIMIT 1)")])),
            (rule::SESSION_TOKEN_UNIQUE, copy_row("sessions", &["id", "user_id", "token_hash", "created_at", "expires_at", "revoked_at"], &[("id", "user_id")])),
        ];
        assert_eq!(copies.len(), UNIQUE_KEYS.len(), "every key is tested");
        for (name, sql) in copies {
            assert_refused(&db, &sql, &[name]).await;
        }
    }
}

db_test! {
    async fn a_booking_records_the_terms_it_was_sold_under(app) {
        booked(&app).await;
        let db = connect(&app).await;
        let lines: Value = serde_json::from_str(&text(&db, "SELECT price_lines AS t FROM bookings").await).unwrap();
        assert_eq!(lines, json!([
            {"kind": "BASE", "quantity": 2, "unitAmount": 1500, "amount": 3000},
            {"kind": "SEATS", "quantity": 2, "unitAmount": 1500, "amount": 3000},
            {"kind": "MEMBER_DISCOUNT", "quantity": 4, "unitAmount": -500, "amount": -2000},
        ]));
        let policy: Value = serde_json::from_str(&text(&db, "SELECT cancellation_policy AS t FROM bookings").await).unwrap();
        assert_eq!(policy, json!([[48, 100], [0, 50]]));
        assert_eq!(number(&db, "SELECT CAST(commission_bps AS BIGINT) AS n FROM bookings").await, number(&db, "SELECT CAST(commission_bps AS BIGINT) AS n FROM hubs").await);
    }
}

db_test! {
    async fn migrating_stops_at_old_rows_that_break_a_rule_and_changes_nothing(app) {
        booked(&app).await;
        let db = connect(&app).await;
        // Back to the schema before the rules (and everything after them).
        Migrator::down(&db, Some(after_the_tables())).await.unwrap();
        assert_eq!(rule_objects(&db).await, 0);
        let old = |table: &'static str| columns_of(table).iter().copied().filter(move |c| {
            !added_later(table).contains(c)
        }).collect::<Vec<_>>();
        // Every rule of the invariants migration is broken by exactly one row.
        let breaks = [
            ("bookings", vec![("id", "listing_id"), ("idempotency_key", "'copy1'"), ("quantity", "0"), ("ends_at", "starts_at"),
                ("gross", "-1"), ("commission", "-1"), ("provider_net", "0"), ("refund_due", "5")]),
            ("bookings", vec![("id", "customer_id"), ("idempotency_key", "'copy2'"), ("provider_net", "-1")]),
            ("listings", vec![("id", "organization_id"), ("capacity", "0"), ("unit_price", "-1"), ("member_unit_price", "-1"),
                ("min_units", "0"), ("max_units", "-1"), ("buffer_before_minutes", "-1"), ("lead_time_minutes", "-1"), ("horizon_days", "-1")]),
            ("hubs", vec![("id", "(SELECT u.id FROM users u LIMIT 1)"), ("slug", "'copy'"), ("commission_bps", "10001")]),
        ];
        for (table, changes) in &breaks {
            db.execute_unprepared(&copy_row(table, &old(table), changes)).await.unwrap();
        }
        let message = Migrator::up(&db, None).await.unwrap_err().to_string();
        let later = [
            rule::BOOKING_COMMISSION_BPS_RANGE,
            rule::BOOKING_TERMS_RECORDED,
            rule::BOOKING_TAX_RATE_RANGE,
            rule::BOOKING_TAX_MATCHES_RATE,
            rule::LISTING_TAX_RATE_RANGE,
        ];
        for name in rule::CHECKS.iter().filter(|n| !later.contains(n)) {
            let table = name.split('_').next().unwrap();
            assert!(message.contains(&format!("{name} (1 row(s) of {table} ")), "{name} in: {message}");
        }
        assert_eq!(rule_objects(&db).await, 0, "a refused migration adds no rule");

        // Fixed by the operator, the rows pass and old bookings get terms.
        db.execute_unprepared("DELETE FROM bookings WHERE idempotency_key IN ('copy1', 'copy2')").await.unwrap();
        db.execute_unprepared("DELETE FROM listings WHERE id = organization_id").await.unwrap();
        db.execute_unprepared("DELETE FROM hubs WHERE slug = 'copy'").await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        let per_rule = if db.get_database_backend() == DbBackend::Sqlite { 2 } else { 1 };
        assert_eq!(rule_objects(&db).await, per_rule * i64::try_from(rule::CHECKS.len()).unwrap());
        let gross = number(&db, "SELECT gross AS n FROM bookings").await;
        assert!(gross > 0);
        let lines: Value = serde_json::from_str(&text(&db, "SELECT price_lines AS t FROM bookings").await).unwrap();
        assert_eq!(lines, json!([{"kind": "BASE", "quantity": 1, "unitAmount": gross, "amount": gross}]), "one line for the whole gross");
        assert_eq!(
            text(&db, "SELECT cancellation_policy AS t FROM bookings").await,
            text(&db, "SELECT cancellation_policy AS t FROM listings").await
        );
        assert_eq!(number(&db, "SELECT CAST(commission_bps AS BIGINT) AS n FROM bookings").await, number(&db, "SELECT CAST(commission_bps AS BIGINT) AS n FROM hubs").await);
        assert_eq!(number(&db, "SELECT tax + tax_rate_bps AS n FROM bookings").await, 0, "old bookings are untaxed");
        assert_eq!(number(&db, "SELECT CAST(tax_rate_bps AS BIGINT) AS n FROM listings").await, 0);
        if db.get_database_backend() == DbBackend::Postgres {
            let forced = number(&db, "SELECT COUNT(*) AS n FROM pg_class WHERE relname IN ('bookings', 'listings') AND relforcerowsecurity").await;
            assert_eq!(forced, 2, "row-level security is forced again");
        }
    }
}

/// The database's URL for `role` instead of the test's superuser.
fn as_role(url: &str, role: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let server = rest.split_once('@').map_or(rest, |(_, server)| server);
    format!("{scheme}://{role}@{server}")
}

/// In production the tables' owner migrates, without superuser rights, and
/// forced row-level security would hide every hub's rows from its count.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_without_superuser_rights_counts_every_hubs_old_rows() {
    let Some(app) = TestApp::spawn(crate::helpers::Backend::Postgres).await else {
        return;
    };
    booked(&app).await;
    let admin = connect(&app).await;
    let owner = format!("owner_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!(
            "CREATE ROLE {owner} LOGIN NOSUPERUSER NOBYPASSRLS;
             GRANT portineria_app TO {owner};
             GRANT USAGE, CREATE ON SCHEMA public TO {owner};
             DO $$ DECLARE t text; BEGIN
               FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
                 EXECUTE format('ALTER TABLE %I OWNER TO {owner}', t);
               END LOOP;
               FOR t IN SELECT p.oid::regprocedure::text FROM pg_proc p
                          JOIN pg_namespace n ON n.oid = p.pronamespace
                         WHERE n.nspname = 'public' LOOP
                 EXECUTE format('ALTER FUNCTION %s OWNER TO {owner}', t);
               END LOOP;
             END $$;"
        ))
        .await
        .unwrap();
    let db = Database::connect(as_role(&app.database_url, &owner))
        .await
        .unwrap();
    Migrator::down(&db, Some(after_the_tables())).await.unwrap();
    // Written past row-level security, as rows of some hub would be.
    admin
        .execute_unprepared(&copy_row(
            "bookings",
            &BOOKING_COLUMNS[..21],
            &[
                ("id", "listing_id"),
                ("idempotency_key", "'copy'"),
                ("quantity", "0"),
            ],
        ))
        .await
        .unwrap();
    let refused = Migrator::up(&db, None).await.unwrap_err().to_string();
    db.close().await.unwrap();
    admin
        .execute_unprepared(&format!(
            "REASSIGN OWNED BY {owner} TO CURRENT_USER; DROP OWNED BY {owner}; DROP ROLE {owner};"
        ))
        .await
        .unwrap();
    assert!(
        refused.contains("bookings_quantity_positive (1 row(s) of bookings "),
        "{refused}"
    );
}

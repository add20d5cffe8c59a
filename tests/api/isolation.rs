//! Hubs are kept apart: by the API (another hub's ids are NOT_FOUND), by the
//! scoped data layer, and on PostgreSQL by row-level security.

use portineria::db::Access;
use portineria::db::scope::HubTx;
use portineria::entities::membership;
use portineria::ids::{HubId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, NotSet, Set, Statement, Unchanged};
use serde_json::json;

use crate::db_test;
use crate::helpers::{Backend, TestApp};

const CHANGE: &str =
    "mutation($u: ID!, $r: Role!) { changeMemberRole(userId: $u, role: $r) { role } }";
const REMOVE: &str = "mutation($u: ID!) { removeMember(userId: $u) }";

/// Hub `aurora` (manager rita, member mimma) and hub `borgo` (manager bea, member bruno).
async fn two_hubs(app: &TestApp) -> (HubId, HubId, String, String) {
    let (_, rita) = app.person("rita@example.org").await;
    let (_, bea) = app.person("bea@example.org").await;
    app.sign_up("mimma@example.org", "Mimma").await;
    let bruno = app.sign_up("bruno@example.org", "Bruno").await;
    let aurora = app.create_hub("aurora", "rita@example.org").await;
    let borgo = app.create_hub("borgo", "bea@example.org").await;
    app.add_member("aurora", &rita, "mimma@example.org", "MEMBER")
        .await;
    app.add_member("borgo", &bea, "bruno@example.org", "MEMBER")
        .await;
    let id = |s: String| HubId(s.parse().unwrap());
    (id(aurora), id(borgo), rita, bruno)
}

db_test! {
    async fn another_hubs_member_is_not_found_exactly_like_a_missing_one(app) {
        let (_, _, rita, bruno) = two_hubs(&app).await;
        let guessed = app.gql(CHANGE).vars(json!({"u": bruno, "r": "MANAGER"})).token(&rita).tenant("aurora").send().await;
        let missing = app
            .gql(CHANGE)
            .vars(json!({"u": uuid::Uuid::now_v7().to_string(), "r": "MANAGER"}))
            .token(&rita)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(guessed.code(), "NOT_FOUND");
        assert_eq!(guessed.message(), missing.message());
        let removed = app.gql(REMOVE).vars(json!({"u": bruno})).token(&rita).tenant("aurora").send().await;
        assert_eq!(removed.code(), "NOT_FOUND");

        // Naming the other hub does not help: rita has no role there.
        let other = app.gql(REMOVE).vars(json!({"u": bruno})).token(&rita).tenant("borgo").send().await;
        assert_eq!(other.code(), "FORBIDDEN");
        let members = app.gql("{ hub { members { edges { node { role } } } } }").token(&rita).tenant("borgo").send().await;
        assert_eq!(members.code(), "FORBIDDEN");

        // Bruno is still a member of borgo, unchanged.
        let token = app.log_in("bruno@example.org").await;
        let mine = app.gql("{ myHubs { role hub { slug } } }").token(&token).send().await;
        assert_eq!(mine.data()["myHubs"], json!([{"role": "MEMBER", "hub": {"slug": "borgo"}}]));
    }
}

db_test! {
    async fn the_scoped_layer_reads_only_its_hubs_rows(app) {
        let (aurora, borgo, _, _) = two_hubs(&app).await;
        for hub in [aurora, borgo] {
            let hx = HubTx::begin(&app.services.db, Access::Read, hub, None).await.map_err(|e| e.explain()).unwrap();
            let rows = hx.find::<membership::Entity>().all(hx.conn()).await.unwrap();
            assert_eq!(rows.len(), 2);
            assert!(rows.iter().all(|m| m.tenant_id == hub.0));
            hx.commit().await.map_err(|e| e.explain()).unwrap();
        }
    }
}

db_test! {
    async fn the_scoped_writes_never_touch_another_hubs_rows(app) {
        let (aurora, borgo, _, bruno) = two_hubs(&app).await;
        let db = &app.services.db;
        let hx = HubTx::begin(db, Access::Write, aurora, None).await.map_err(|e| e.explain()).unwrap();
        // No filter of their own: the scope alone confines them to aurora.
        let promoted = hx
            .update_many::<membership::Entity>()
            .col_expr(membership::Column::Role, Expr::value(membership::Role::Manager.as_str()))
            .exec(hx.conn())
            .await
            .unwrap();
        assert_eq!(promoted.rows_affected, 2);
        // A row of borgo handed to aurora's transaction is refused unwritten.
        let smuggled = membership::ActiveModel {
            tenant_id: Unchanged(borgo.0),
            user_id: Unchanged(bruno.parse().unwrap()),
            role: Set(membership::Role::Manager),
            created_at: NotSet,
        };
        assert_eq!(hx.update(smuggled).await.map_err(|e| e.code()).err(), Some("INTERNAL"));
        let removed = hx.delete_many::<membership::Entity>().exec(hx.conn()).await.unwrap();
        assert_eq!(removed.rows_affected, 2);
        hx.commit().await.map_err(|e| e.explain()).unwrap();

        let hx = HubTx::begin(db, Access::Read, borgo, None).await.map_err(|e| e.explain()).unwrap();
        let mut roles: Vec<_> = hx
            .find::<membership::Entity>()
            .all(hx.conn())
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.role)
            .collect();
        roles.sort_by_key(|r| r.as_str());
        assert_eq!(roles, [membership::Role::Manager, membership::Role::Member]);
        hx.commit().await.map_err(|e| e.explain()).unwrap();
    }
}

/// The second wall: on PostgreSQL, a query that forgets the tenant filter
/// still sees only the current hub, and cannot write into another.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[expect(
    clippy::disallowed_methods,
    reason = "forgets the tenant filter on purpose, to prove row-level security"
)]
async fn row_level_security_confines_an_unfiltered_query_on_postgres() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else {
        return;
    };
    let (aurora, borgo, _, bruno) = two_hubs(&app).await;
    let db = &app.services.db;

    let hx = HubTx::begin(db, Access::Write, aurora, None)
        .await
        .map_err(|e| e.explain())
        .unwrap();
    let unfiltered = membership::Entity::find().all(hx.conn()).await.unwrap();
    assert_eq!(unfiltered.len(), 2);
    assert!(
        unfiltered.iter().all(|m| m.tenant_id == aurora.0),
        "{unfiltered:?}"
    );

    let role = hx
        .conn()
        .query_one_raw(Statement::from_string(
            hx.conn().get_database_backend(),
            "SELECT current_user AS role",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        role.try_get::<String>("", "role").unwrap(),
        "portineria_app"
    );

    let intruder = membership::ActiveModel {
        tenant_id: Set(borgo.0),
        user_id: Set(bruno.parse().unwrap()),
        role: Set(portineria::entities::membership::Role::Manager),
        created_at: Set(chrono::Utc::now()),
    };
    assert!(
        intruder.insert(hx.conn()).await.is_err(),
        "a write into another hub must fail"
    );
    drop(hx);

    // Outside any hub, no membership is visible but the user's own.
    let tx = db
        .begin(Access::Read, None)
        .await
        .map_err(|e| e.explain())
        .unwrap();
    assert!(
        membership::Entity::find()
            .all(&tx)
            .await
            .unwrap()
            .is_empty()
    );
    drop(tx);
    let bruno_id = UserId(bruno.parse().unwrap());
    let tx = db
        .begin(Access::Read, Some(bruno_id))
        .await
        .map_err(|e| e.explain())
        .unwrap();
    let own = membership::Entity::find().all(&tx).await.unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!((own[0].tenant_id, own[0].user_id), (borgo.0, bruno_id.0));
}

//! `GET /hubs/{slug}/manage/members`: the hub's members and their roles;
//! adding a person (who already has an account) by email, changing a
//! role, removing someone. The API keeps the hub with one manager at least.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::json;

use crate::http::AppState;
use crate::msg;

use super::super::posted::Posted;
use super::super::render::{Notice, data, see_other};
use super::super::visitor::Visitor;
use super::{Paging, act, desk_page, desk_path};

/// This page's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/hubs/{hub}/manage/members", get(members).post(add))
        .route("/hubs/{hub}/manage/members/{user}/role", post(change_role))
        .route("/hubs/{hub}/manage/members/{user}/remove", post(remove))
}

/// The roles, as the API names them.
const ROLES: [&str; 3] = ["MEMBER", "PROVIDER", "MANAGER"];

/// Members on one page.
const PAGE: i32 = 50;

const MEMBERS: &str =
    "query($first: Int!, $after: String) { hub { members(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { role since user { id name email } } } } }";

async fn members(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    Query(paging): Query<Paging>,
    visitor: Visitor,
) -> Response {
    let (read, paged) = paging.read(MEMBERS, PAGE);
    desk_page(
        &state,
        &visitor,
        &hub,
        read,
        "manager/members.html",
        |answer, who| {
            minijinja::context! {
                desk => "members",
                members => data(&answer["hub"]["members"]["nodes"]),
                next => data(&answer["hub"]["members"]["pageInfo"]),
                paged => paged,
                roles => ROLES,
                me_id => who.context.viewer.as_ref().map(|v| v.user.id.to_string()),
            }
        },
    )
    .await
}

/// Refuses a role the API does not know before asking (the API would
/// refuse it too, but in the words of its schema, not in plain words).
fn unknown_role(visitor: &Visitor, back: &str, role: &str) -> Option<Response> {
    (!ROLES.contains(&role)).then(|| {
        let said = msg!("page-manager-members-bad-role").render(visitor.locale());
        see_other(back, visitor, Some(Notice::Refused(&said)))
    })
}

async fn add(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    Posted(visitor, fields): Posted,
) -> Response {
    let back = desk_path(&hub, "members");
    let role = fields.get("role");
    if let Some(page) = unknown_role(&visitor, &back, role) {
        return page;
    }
    let document =
        "mutation($input: AddMemberInput!) { addMember(input: $input) { role user { id } } }";
    let variables = json!({ "input": { "email": fields.get("email"), "role": role } });
    let done = msg!(
        "page-manager-members-added",
        email = fields.get("email").to_owned()
    );
    act(&state, &visitor, &hub, &back, document, variables, done).await
}

async fn change_role(
    State(state): State<AppState>,
    Path((hub, user)): Path<(String, String)>,
    Posted(visitor, fields): Posted,
) -> Response {
    let back = desk_path(&hub, "members");
    let role = fields.get("role");
    if let Some(page) = unknown_role(&visitor, &back, role) {
        return page;
    }
    let document = "mutation($user: ID!, $role: Role!) { changeMemberRole(userId: $user, role: $role) { role } }";
    let variables = json!({ "user": user, "role": role });
    let done = msg!("page-manager-members-role-changed");
    act(&state, &visitor, &hub, &back, document, variables, done).await
}

async fn remove(
    State(state): State<AppState>,
    Path((hub, user)): Path<(String, String)>,
    Posted(visitor, _): Posted,
) -> Response {
    let back = desk_path(&hub, "members");
    let document = "mutation($user: ID!) { removeMember(userId: $user) }";
    let done = msg!("page-manager-members-removed");
    act(
        &state,
        &visitor,
        &hub,
        &back,
        document,
        json!({ "user": user }),
        done,
    )
    .await
}

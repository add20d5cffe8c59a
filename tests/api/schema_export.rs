//! The committed schema is the code's schema.

#[test]
fn committed_schema_matches_the_code() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/graphql/schema.graphql"
    ))
    .unwrap_or_default();
    let current = portineria::graphql::sdl();
    assert!(
        committed == current,
        "graphql/schema.graphql is out of date: run `cargo run -- export-schema` and commit the result"
    );
}

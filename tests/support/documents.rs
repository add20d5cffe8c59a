//! Hostile GraphQL documents shared by the tests and the benchmarks.

/// Each fragment spreads the next one twice: 2^levels fields once expanded,
/// in a document of about 40 bytes a level.
pub fn fan_out(levels: usize) -> String {
    let mut query = String::from("query { ...F0 }\n");
    for level in 0..levels {
        let next = level + 1;
        query.push_str(&format!(
            "fragment F{level} on Query {{ ...F{next} ...F{next} }}\n"
        ));
    }
    query.push_str(&format!(
        "fragment F{levels} on Query {{ hub {{ name }} }}\n"
    ));
    query
}

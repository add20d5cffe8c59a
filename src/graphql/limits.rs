//! What a document costs, measured on the parsed document before
//! async-graphql validates it, and the limits that refuse it.
//!
//! Validation is synchronous and follows fragment spreads, so a 1 KB document
//! whose fragments each spread the next one twice costs 2^N steps and never
//! yields: no timeout can stop it once it has started. Here every fragment is
//! measured once (memoised), so the expanded size of any document is known in
//! time linear in its length, and a document over the limits is refused
//! before validation sees it.

use std::collections::{HashMap, HashSet};

use async_graphql::Variables;
use async_graphql::parser::types::{
    ExecutableDocument, Field, OperationType, Selection, SelectionSet,
};
use async_graphql::{Name, Value};

use crate::api::pagination::DEFAULT_PAGE;
use crate::error::AppError;
use crate::msg;

/// Fields that check a password: each runs an argon2 hash.
const PASSWORD_FIELDS: [&str; 2] = ["logIn", "signUp"];

/// How deep fragment spreads may nest. The parser already bounds how deep
/// selection sets nest; this bounds the recursion through fragments.
const MAX_FRAGMENT_DEPTH: usize = 32;

/// The configured limits on one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentLimits {
    /// The most fields an operation may select once fragments are expanded
    /// and each paginated field's children are multiplied by its page size.
    pub max_cost: u64,
    /// The most aliased fields, fragments expanded (`__typename` included).
    pub max_aliases: u64,
}

/// What one operation (or fragment) asks for, fragments expanded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Fields, each paginated field's children multiplied by its page size.
    pub cost: u64,
    /// Aliased fields.
    pub aliases: u64,
    /// `logIn` / `signUp` fields at the root of a mutation.
    pub password_checks: u64,
}

impl Tally {
    fn add(self, other: Tally) -> Tally {
        Tally {
            cost: self.cost.saturating_add(other.cost),
            aliases: self.aliases.saturating_add(other.aliases),
            password_checks: self.password_checks.saturating_add(other.password_checks),
        }
    }
}

/// Why a document is refused before validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Too many fields once fragments and pages are counted.
    TooCostly {
        /// What it would cost.
        cost: u64,
        /// The limit.
        max: u64,
    },
    /// Too many aliases.
    TooManyAliases {
        /// How many.
        aliases: u64,
        /// The limit.
        max: u64,
    },
    /// Fragments spreading fragments deeper than [`MAX_FRAGMENT_DEPTH`].
    FragmentsTooDeep,
}

impl Refusal {
    /// The error the client sees.
    pub fn into_error(self) -> AppError {
        let message = match self {
            Refusal::TooCostly { cost, max } => msg!("limit-query-cost", cost = cost, max = max),
            Refusal::TooManyAliases { aliases, max } => {
                msg!("limit-aliases", aliases = aliases, max = max)
            }
            Refusal::FragmentsTooDeep => msg!("limit-fragment-depth", max = MAX_FRAGMENT_DEPTH),
        };
        AppError::validation("query", message)
    }
}

/// The error for more than one password check in one request (batch included).
pub fn too_many_password_checks() -> AppError {
    AppError::validation("query", msg!("limit-one-password-check"))
}

/// Measures `document` and checks it against `limits`; on success, the most
/// password checks any one of its operations would run.
pub fn check(
    document: &ExecutableDocument,
    variables: &Variables,
    limits: DocumentLimits,
) -> Result<u64, Refusal> {
    let mut measure = Measure {
        document,
        variables,
        memo: HashMap::new(),
        in_progress: HashSet::new(),
    };
    let mut worst = Tally::default();
    for (_, operation) in document.operations.iter() {
        let mutation = operation.node.ty == OperationType::Mutation;
        let tally = measure.selection_set(&operation.node.selection_set.node, 0, mutation)?;
        worst.cost = worst.cost.max(tally.cost);
        worst.aliases = worst.aliases.max(tally.aliases);
        worst.password_checks = worst.password_checks.max(tally.password_checks);
    }
    // Validation walks every fragment definition, used or not: each must fit
    // too. (Those the operations reached are already measured.)
    for name in document.fragments.keys() {
        let tally = measure.fragment(name, 0, false)?;
        worst.cost = worst.cost.max(tally.cost);
    }
    if worst.cost > limits.max_cost {
        return Err(Refusal::TooCostly {
            cost: worst.cost,
            max: limits.max_cost,
        });
    }
    if worst.aliases > limits.max_aliases {
        return Err(Refusal::TooManyAliases {
            aliases: worst.aliases,
            max: limits.max_aliases,
        });
    }
    Ok(worst.password_checks)
}

struct Measure<'a> {
    document: &'a ExecutableDocument,
    variables: &'a Variables,
    /// Each fragment's tally as a selection below the root (no password checks).
    memo: HashMap<&'a str, Tally>,
    /// Fragments being measured: a spread of one of them is a cycle, which
    /// validation refuses; here it counts nothing.
    in_progress: HashSet<&'a str>,
}

impl<'a> Measure<'a> {
    /// A spread fragment's cost. Inside queries it is measured once and
    /// remembered; at the root of a mutation (`root_of_mutation`) it is
    /// measured in place, because password checks depend on where it is
    /// spread (a mutation has few root fields, so this stays cheap).
    fn fragment(
        &mut self,
        name: &'a Name,
        depth: usize,
        root_of_mutation: bool,
    ) -> Result<Tally, Refusal> {
        if !root_of_mutation && let Some(tally) = self.memo.get(name.as_str()) {
            return Ok(*tally);
        }
        if depth > MAX_FRAGMENT_DEPTH {
            return Err(Refusal::FragmentsTooDeep);
        }
        // An unknown fragment is validation's to report; it costs nothing here.
        let Some(fragment) = self.document.fragments.get(name) else {
            return Ok(Tally::default());
        };
        if !self.in_progress.insert(name.as_str()) {
            return Ok(Tally::default());
        }
        let set = &fragment.node.selection_set.node;
        let tally = self.selection_set(set, depth + 1, root_of_mutation);
        self.in_progress.remove(name.as_str());
        let tally = tally?;
        if !root_of_mutation {
            self.memo.insert(name.as_str(), tally);
        }
        Ok(tally)
    }

    /// `root_of_mutation`: the selections run as mutation fields, where
    /// `logIn` and `signUp` check passwords.
    fn selection_set(
        &mut self,
        set: &'a SelectionSet,
        depth: usize,
        root_of_mutation: bool,
    ) -> Result<Tally, Refusal> {
        let mut total = Tally::default();
        for selection in &set.items {
            let tally = match &selection.node {
                Selection::Field(field) => self.field(&field.node, depth, root_of_mutation)?,
                Selection::InlineFragment(inline) => {
                    self.selection_set(&inline.node.selection_set.node, depth, root_of_mutation)?
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(&spread.node.fragment_name.node, depth, root_of_mutation)?
                }
            };
            total = total.add(tally);
        }
        Ok(total)
    }

    fn field(
        &mut self,
        field: &'a Field,
        depth: usize,
        root_of_mutation: bool,
    ) -> Result<Tally, Refusal> {
        let children = self.selection_set(&field.selection_set.node, depth, false)?;
        let pages = self.page_size(field);
        let password = root_of_mutation && PASSWORD_FIELDS.contains(&field.name.node.as_str());
        Ok(Tally {
            cost: children.cost.saturating_mul(pages).saturating_add(1),
            aliases: children.aliases + u64::from(field.alias.is_some()),
            password_checks: u64::from(password),
        })
    }

    /// How many times a field's children run: its `first` or `last`, the
    /// default page for a connection that names neither, else once.
    fn page_size(&self, field: &Field) -> u64 {
        let asked = field
            .arguments
            .iter()
            .find(|(name, _)| matches!(name.node.as_str(), "first" | "last"))
            .map(|(_, value)| {
                value
                    .node
                    .clone()
                    .into_const_with(|name| self.variables.get(&name).cloned().ok_or(()))
            });
        match asked {
            Some(Ok(Value::Number(n))) => n.as_u64().unwrap_or(1).max(1),
            // A malformed page size is refused later, by the field itself.
            Some(_) => 1,
            None if is_connection(&field.selection_set.node) => DEFAULT_PAGE as u64,
            None => 1,
        }
    }
}

/// A Relay connection selects `edges` or `nodes`.
fn is_connection(set: &SelectionSet) -> bool {
    set.items.iter().any(|selection| match &selection.node {
        Selection::Field(field) => matches!(field.node.name.node.as_str(), "edges" | "nodes"),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    const LIMITS: DocumentLimits = DocumentLimits {
        max_cost: 5_000,
        max_aliases: 100,
    };

    fn measure(query: &str) -> Result<u64, Refusal> {
        let document = parse_query(query).expect("parses");
        check(&document, &Variables::default(), LIMITS)
    }

    /// Each fragment spreads the next one twice: 2^levels fields once expanded.
    pub(crate) fn fan_out(levels: usize) -> String {
        let mut query = String::from("query { ...F0 }\n");
        for level in 0..levels {
            let next = level + 1;
            query.push_str(&format!(
                "fragment F{level} on Query {{ ...F{next} ...F{next} }}\n"
            ));
        }
        query.push_str(&format!("fragment F{levels} on Query {{ __typename }}\n"));
        query
    }

    #[test]
    fn fragment_fan_out_is_refused_by_its_expanded_size() {
        assert_eq!(
            measure(&fan_out(24)),
            Err(Refusal::TooCostly {
                cost: 1 << 24,
                max: 5_000
            })
        );
        assert!(matches!(
            measure(&fan_out(31)),
            Err(Refusal::TooCostly { .. })
        ));
        assert_eq!(measure(&fan_out(10)), Ok(0));
    }

    #[test]
    fn typename_aliases_count() {
        let aliases: String = (0..101).map(|i| format!("a{i}: __typename ")).collect();
        assert_eq!(
            measure(&format!("{{ {aliases} }}")),
            Err(Refusal::TooManyAliases {
                aliases: 101,
                max: 100
            })
        );
    }

    #[test]
    fn pages_multiply_their_children() {
        let query = "{ listings(first: 100) { edges { node { id title category kind status } } } }";
        let document = parse_query(query).expect("parses");
        let limits = DocumentLimits {
            max_cost: 100,
            max_aliases: 100,
        };
        // 1 + 100 × (edges 1 + node (1 + 5)) = 701
        assert_eq!(
            check(&document, &Variables::default(), limits),
            Err(Refusal::TooCostly {
                cost: 701,
                max: 100
            })
        );
        let variables = Variables::from_json(serde_json::json!({"n": 2}));
        let document = parse_query(
            "query($n: Int) { listings(first: $n) { edges { node { id title category kind status } } } }",
        )
        .expect("parses");
        assert_eq!(check(&document, &variables, limits), Ok(0));
        // No `first`: the default page.
        let document = parse_query("{ listings { nodes { id } } }").expect("parses");
        assert_eq!(
            check(
                &document,
                &Variables::default(),
                DocumentLimits {
                    max_cost: 40,
                    ..limits
                }
            ),
            Err(Refusal::TooCostly { cost: 41, max: 40 })
        );
    }

    #[test]
    fn password_checks_are_counted_through_aliases_and_fragments() {
        assert_eq!(
            measure("mutation { a: logIn(input: {email: \"a\", password: \"b\"}) { token } }"),
            Ok(1)
        );
        assert_eq!(
            measure(
                "mutation { a: logIn(input: {email: \"a\", password: \"b\"}) { token } ...M }
                 fragment M on Mutation { b: logIn(input: {email: \"a\", password: \"b\"}) { token } ... on Mutation { signUp(input: {email: \"a\", password: \"b\", name: \"c\"}) { id } } }"
            ),
            Ok(3)
        );
        // A query has no password checks, whatever its fields are called.
        assert_eq!(measure("{ logIn: __typename }"), Ok(0));
    }

    #[test]
    fn cycles_and_unknown_fragments_are_left_to_validation() {
        assert_eq!(
            measure("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"),
            Ok(0)
        );
        assert_eq!(measure("{ ...Missing }"), Ok(0));
        assert_eq!(
            measure("mutation { ...A } fragment A on Mutation { ...A logIn { token } }"),
            Ok(1)
        );
    }

    #[test]
    fn fragments_nested_too_deep_are_refused() {
        let mut query = String::from("{ ...F0 }\n");
        for level in 0..40 {
            query.push_str(&format!(
                "fragment F{level} on Query {{ ...F{} }}\n",
                level + 1
            ));
        }
        query.push_str("fragment F40 on Query { __typename }");
        assert_eq!(measure(&query), Err(Refusal::FragmentsTooDeep));
    }
}

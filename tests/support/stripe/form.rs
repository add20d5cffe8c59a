//! Stripe's request parameters: `application/x-www-form-urlencoded` pairs
//! whose keys nest with brackets (`metadata[booking]=…`, `expand[0]=…`,
//! `capabilities[transfers][requested]=true`), read once into a tree and then
//! asked for typed values, with Stripe's errors for what does not fit.

use std::collections::BTreeMap;

use super::errors::ApiError;

/// One parameter: a value, or a group of nested ones (a list is a group
/// keyed by position).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Param {
    Text(String),
    Group(BTreeMap<String, Param>),
}

/// The parameters of one request, or one nested group of them.
#[derive(Debug, Clone, Default)]
pub struct Form {
    /// How the group is spelled in the request (`transfer_data`), for errors.
    prefix: String,
    params: BTreeMap<String, Param>,
}

impl Form {
    /// Reads a form-encoded body or query string.
    pub fn parse(encoded: &[u8]) -> Result<Form, ApiError> {
        let mut params = BTreeMap::new();
        for (key, value) in form_urlencoded::parse(encoded) {
            let path = split_key(&key)
                .ok_or_else(|| ApiError::invalid(format!("Invalid parameter name: {key}")))?;
            insert(&mut params, &path, value.into_owned())
                .map_err(|()| ApiError::invalid(format!("Invalid array or hash: {key}")))?;
        }
        Ok(Form {
            prefix: String::new(),
            params,
        })
    }

    /// Every (key, value) pair in a fixed order: two requests with the same
    /// parameters give the same text whatever order they were sent in.
    pub fn canonical(&self) -> String {
        let mut pairs = Vec::new();
        flatten(&self.params, "", &mut pairs);
        pairs
            .iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Refuses any parameter not named (Stripe rejects unknown parameters).
    pub fn allow_only(&self, names: &[&str]) -> Result<(), ApiError> {
        match self
            .params
            .keys()
            .find(|key| !names.contains(&key.as_str()))
        {
            Some(unknown) => Err(ApiError::unknown_parameter(&self.name(unknown))),
            None => Ok(()),
        }
    }

    /// The names given in this group, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.params.keys().map(String::as_str)
    }

    /// The text of `name` when it is one of `allowed`, refused as Stripe
    /// refuses an unknown enum value otherwise.
    pub fn one_of(&self, name: &str, allowed: &[&str]) -> Result<Option<String>, ApiError> {
        match self.text(name)? {
            None => Ok(None),
            Some(value) if allowed.contains(&value) => Ok(Some(value.to_owned())),
            Some(_) => {
                let mut sorted = allowed.to_vec();
                sorted.sort_unstable();
                let list = match sorted.split_last() {
                    Some((last, [])) => (*last).to_owned(),
                    Some((last, [one])) => format!("{one} or {last}"),
                    Some((last, rest)) => format!("{}, or {last}", rest.join(", ")),
                    None => String::new(),
                };
                Err(ApiError::invalid(format!("Invalid {name}: must be one of {list}")).param(name))
            }
        }
    }

    /// A value; an empty one counts as not given, as Stripe reads it.
    pub fn text(&self, name: &str) -> Result<Option<&str>, ApiError> {
        match self.params.get(name) {
            None => Ok(None),
            Some(Param::Text(text)) if text.is_empty() => Ok(None),
            Some(Param::Text(text)) => Ok(Some(text)),
            Some(Param::Group(_)) => Err(ApiError::invalid(format!(
                "Invalid string: {{...}} for {}",
                self.name(name)
            ))
            .param(&self.name(name))),
        }
    }

    /// A value that must be given (`parameter_missing` otherwise).
    pub fn required_text(&self, name: &str) -> Result<&str, ApiError> {
        self.text(name)?
            .ok_or_else(|| ApiError::missing(&self.name(name)))
    }

    /// A whole number (`parameter_invalid_integer` otherwise).
    pub fn integer(&self, name: &str) -> Result<Option<i64>, ApiError> {
        let Some(text) = self.text(name)? else {
            return Ok(None);
        };
        text.parse()
            .map(Some)
            .map_err(|_| ApiError::invalid_integer(&self.name(name), text))
    }

    /// A whole number that must be given.
    pub fn required_integer(&self, name: &str) -> Result<i64, ApiError> {
        self.integer(name)?
            .ok_or_else(|| ApiError::missing(&self.name(name)))
    }

    /// `true` or `false`.
    pub fn boolean(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.text(name)? {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(other) => {
                Err(ApiError::invalid(format!("Invalid boolean: {other}")).param(&self.name(name)))
            }
        }
    }

    /// A nested group (`transfer_data[…]`), if given.
    pub fn group(&self, name: &str) -> Result<Option<Form>, ApiError> {
        match self.params.get(name) {
            None => Ok(None),
            Some(Param::Group(params)) => Ok(Some(Form {
                prefix: self.name(name),
                params: params.clone(),
            })),
            Some(Param::Text(text)) if text.is_empty() => Ok(None),
            Some(Param::Text(_)) => Err(ApiError::invalid(format!(
                "Invalid object: {} must be a hash",
                self.name(name)
            ))
            .param(&self.name(name))),
        }
    }

    /// A list (`expand[0]=…&expand[1]=…`), in position order.
    pub fn list(&self, name: &str) -> Result<Vec<String>, ApiError> {
        let Some(group) = self.group(name)? else {
            return Ok(Vec::new());
        };
        let mut items = Vec::new();
        for (position, param) in &group.params {
            let index: usize = position.parse().map_err(|_| {
                ApiError::invalid(format!("Invalid array: {}", self.name(name))).param(name)
            })?;
            match param {
                Param::Text(text) => items.push((index, text.clone())),
                Param::Group(_) => {
                    return Err(ApiError::invalid(format!(
                        "Invalid array: {}",
                        self.name(name)
                    )));
                }
            }
        }
        items.sort();
        Ok(items.into_iter().map(|(_, text)| text).collect())
    }

    /// `expand[…]`, refusing paths this object cannot expand.
    pub fn expansions(&self, allowed: &[&str]) -> Result<Vec<String>, ApiError> {
        let paths = self.list("expand")?;
        match paths.iter().find(|path| !allowed.contains(&path.as_str())) {
            Some(path) => Err(ApiError::invalid(format!(
                "This property cannot be expanded ({path})."
            ))
            .param("expand")),
            None => Ok(paths),
        }
    }

    /// `metadata[…]`, within Stripe's limits (50 keys, keys up to 40
    /// characters, values up to 500).
    pub fn metadata(&self) -> Result<BTreeMap<String, String>, ApiError> {
        let Some(group) = self.group("metadata")? else {
            return Ok(BTreeMap::new());
        };
        if group.params.len() > 50 {
            return Err(ApiError::invalid(
                "Invalid metadata: metadata can have up to 50 keys, but you passed in more.",
            )
            .param("metadata"));
        }
        let mut metadata = BTreeMap::new();
        for (key, param) in group.params {
            let Param::Text(value) = param else {
                return Err(
                    ApiError::invalid(format!("Invalid metadata value for {key}"))
                        .param("metadata"),
                );
            };
            if key.chars().count() > 40 {
                return Err(ApiError::invalid(format!(
                    "Metadata keys can have up to 40 characters, but you passed in a key that is {} characters. Invalid key: {key}",
                    key.chars().count()
                ))
                .param("metadata"));
            }
            if value.chars().count() > 500 {
                return Err(ApiError::invalid(format!(
                    "Metadata values can have up to 500 characters, but you passed in a value that is {} characters. Invalid value: {value}",
                    value.chars().count()
                ))
                .param(&format!("metadata[{key}]")));
            }
            // An empty value unsets the key.
            if !value.is_empty() {
                metadata.insert(key, value);
            }
        }
        Ok(metadata)
    }

    /// The full spelling of a parameter of this group.
    fn name(&self, name: &str) -> String {
        if self.prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{}[{name}]", self.prefix)
        }
    }
}

/// `a[b][c]` → `["a", "b", "c"]`; `a[]` gives an empty segment (append).
fn split_key(key: &str) -> Option<Vec<String>> {
    let (head, mut rest) = match key.find('[') {
        Some(open) => (&key[..open], &key[open..]),
        None => (key, ""),
    };
    if head.is_empty() {
        return None;
    }
    let mut path = vec![head.to_owned()];
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let close = inner.find(']')?;
        path.push(inner[..close].to_owned());
        rest = &inner[close + 1..];
    }
    Some(path)
}

fn insert(params: &mut BTreeMap<String, Param>, path: &[String], value: String) -> Result<(), ()> {
    let Some((first, rest)) = path.split_first() else {
        return Err(());
    };
    let key = if first.is_empty() {
        params.len().to_string()
    } else {
        first.clone()
    };
    if rest.is_empty() {
        return match params.insert(key, Param::Text(value)) {
            Some(Param::Group(_)) => Err(()),
            _ => Ok(()),
        };
    }
    let entry = params
        .entry(key)
        .or_insert_with(|| Param::Group(BTreeMap::new()));
    match entry {
        Param::Group(children) => insert(children, rest, value),
        Param::Text(_) => Err(()),
    }
}

fn flatten(params: &BTreeMap<String, Param>, prefix: &str, out: &mut Vec<(String, String)>) {
    for (key, param) in params {
        let name = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}[{key}]")
        };
        match param {
            Param::Text(text) => out.push((name, text.clone())),
            Param::Group(children) => flatten(children, &name, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_keys_lists_and_percent_encoded_brackets_are_read_as_stripe_sends_them() {
        let form = Form::parse(
            b"amount=4000&metadata%5Bbooking%5D=b-1&metadata[hub]=aurora&capabilities[transfers][requested]=true&expand[1]=b&expand[0]=a",
        )
        .expect("a valid form");
        assert_eq!(form.required_integer("amount").expect("integer"), 4000);
        let metadata = form.metadata().expect("metadata");
        assert_eq!(metadata["booking"], "b-1");
        assert_eq!(metadata["hub"], "aurora");
        let transfers = form
            .group("capabilities")
            .expect("group")
            .expect("given")
            .group("transfers")
            .expect("group")
            .expect("given");
        assert_eq!(transfers.boolean("requested").expect("boolean"), Some(true));
        assert_eq!(form.list("expand").expect("list"), ["a", "b"]);
    }

    #[test]
    fn the_same_parameters_in_another_order_read_the_same() {
        let first = Form::parse(b"a=1&metadata[x]=1&metadata[y]=2").expect("form");
        let second = Form::parse(b"metadata[y]=2&a=1&metadata[x]=1").expect("form");
        assert_eq!(first.canonical(), second.canonical());
    }

    #[test]
    fn a_key_used_both_as_value_and_group_is_refused() {
        assert!(Form::parse(b"a=1&a[b]=2").is_err());
        assert!(Form::parse(b"a[b]=2&a=1").is_err());
        assert!(Form::parse(b"[a]=1").is_err());
    }
}

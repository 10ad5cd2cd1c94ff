//! Checks a JSON value against the grading report's JSON Schema. Only the keywords that schema
//! uses are understood, and any other keyword is an error, so a schema can never be silently
//! half-checked. (The general validators, `jsonschema` and `boon`, took 35 s and 26 s of CPU to
//! compile here: more than the whole check is worth in the test command's time budget.)

use serde_json::Value;

/// The keywords [`validate`] understands; annotations are accepted and ignored.
const KEYWORDS: [&str; 10] = [
    "type",
    "const",
    "enum",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "minimum",
    "$ref",
    "$defs",
];
const ANNOTATIONS: [&str; 4] = ["$schema", "$id", "title", "description"];

/// Every way `value` breaks `schema`, one line each, with the path to the offending part.
pub fn validate(schema: &Value, value: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    check(schema, schema, value, "$", &mut problems);
    problems
}

fn check(root: &Value, schema: &Value, value: &Value, path: &str, problems: &mut Vec<String>) {
    let Some(rules) = schema.as_object() else {
        problems.push(format!("{path}: the schema is not an object"));
        return;
    };
    for keyword in rules.keys() {
        if !KEYWORDS.contains(&keyword.as_str()) && !ANNOTATIONS.contains(&keyword.as_str()) {
            problems.push(format!(
                "{path}: the schema uses `{keyword}`, which is not supported"
            ));
        }
    }
    if let Some(reference) = rules.get("$ref").and_then(Value::as_str) {
        match reference
            .strip_prefix("#/$defs/")
            .and_then(|name| root["$defs"].get(name))
        {
            Some(target) => check(root, target, value, path, problems),
            None => problems.push(format!("{path}: cannot resolve `{reference}`")),
        }
    }
    if let Some(kind) = rules.get("type").and_then(Value::as_str) {
        let matches = match kind {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            "integer" => value.is_u64() || value.is_i64(),
            "number" => value.is_number(),
            _ => false,
        };
        if !matches {
            problems.push(format!("{path}: expected {kind}, found {value}"));
            return;
        }
    }
    if let Some(expected) = rules.get("const")
        && value != expected
    {
        problems.push(format!("{path}: expected {expected}, found {value}"));
    }
    if let Some(allowed) = rules.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        problems.push(format!("{path}: {value} is not one of {allowed:?}"));
    }
    if let (Some(minimum), Some(number)) =
        (rules.get("minimum").and_then(Value::as_f64), value.as_f64())
        && number < minimum
    {
        problems.push(format!("{path}: {number} is less than {minimum}"));
    }
    if let Some(object) = value.as_object() {
        for name in rules
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(name) = name.as_str()
                && !object.contains_key(name)
            {
                problems.push(format!("{path}: `{name}` is missing"));
            }
        }
        let properties = rules.get("properties").and_then(Value::as_object);
        for (name, field) in object {
            match properties.and_then(|p| p.get(name)) {
                Some(field_schema) => check(
                    root,
                    field_schema,
                    field,
                    &format!("{path}.{name}"),
                    problems,
                ),
                None if rules.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    problems.push(format!("{path}: `{name}` is not in the schema"));
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (rules.get("items"), value.as_array()) {
        for (index, item) in array.iter().enumerate() {
            check(root, items, item, &format!("{path}[{index}]"), problems);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::validate;
    use serde_json::json;

    fn schema() -> serde_json::Value {
        json!({
            "type": "object", "required": ["name", "score"], "additionalProperties": false,
            "properties": {
                "name": {"type": "string"},
                "score": {"$ref": "#/$defs/score"},
                "tags": {"type": "array", "items": {"enum": ["a", "b"]}}
            },
            "$defs": {"score": {"type": "integer", "minimum": 0}}
        })
    }

    #[test]
    fn a_matching_value_has_no_problems() {
        let value = json!({"name": "ch01", "score": 3, "tags": ["a"]});
        assert_eq!(validate(&schema(), &value), Vec::<String>::new());
    }

    #[test]
    fn every_broken_rule_is_reported_with_its_path() {
        let value = json!({"score": -1, "tags": ["c"], "extra": true});
        let problems = validate(&schema(), &value);
        assert!(
            problems.contains(&"$: `name` is missing".to_string()),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("$.score: -1 is less than 0")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.starts_with("$.tags[0]:")),
            "{problems:?}"
        );
        assert!(
            problems.contains(&"$: `extra` is not in the schema".to_string()),
            "{problems:?}"
        );
    }

    #[test]
    fn an_unsupported_keyword_is_an_error() {
        let problems = validate(&json!({"pattern": "^a"}), &json!("a"));
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn the_report_schema_uses_only_supported_keywords() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../grade-report.schema.json")).unwrap();
        // An empty report of the right shape: only the schema's own keywords are exercised.
        let report = json!({
            "schema": "course-grade-report/1", "student": "/s", "checked_with": "git HEAD",
            "score": {"passed": 0, "total": 0}, "chapters": [], "exercises": []
        });
        assert_eq!(validate(&schema, &report), Vec::<String>::new());
    }
}

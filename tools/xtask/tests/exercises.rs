//! Every exercise's manifest says what the exercise promises, which checks hold each promise,
//! and how a student could miss it: each kind of plausible mistake is either kept as a wrong
//! answer (which the test command proves its check rejects) or declared impossible, with the
//! reason. The pages show all of it through `{{#course exercise …}}`.

use course::exercises::{
    BUILDS_WITHOUT_TEST_UTIL, MistakeKind, check_names, exercises, wrong_answers,
};

/// The grader's own checks, which a wrong answer may name.
const GRADER_CHECKS: [&str; 2] = ["builds", BUILDS_WITHOUT_TEST_UTIL];

#[test]
fn every_exercise_states_its_promises_hints_and_minutes() {
    let root = course::workspace_root();
    let mut problems = Vec::new();
    for exercise in exercises(&root).unwrap() {
        let name = &exercise.package;
        let meta = &exercise.meta;
        let checks = check_names(&course::read(&exercise.checks_file()).unwrap());
        if meta.minutes == 0 {
            problems.push(format!("{name}: `minutes` must be a first estimate, not 0"));
        }
        if meta.hints.len() < 2 {
            problems.push(format!(
                "{name}: give at least two hints, a nudge first and each one a step closer"
            ));
        }
        if meta.promises.is_empty() {
            problems.push(format!(
                "{name}: list what the exercise promises (`promises`)"
            ));
        }
        for promise in &meta.promises {
            if promise.checks.is_empty() {
                problems.push(format!(
                    "{name}: the promise `{}` names no check",
                    promise.promise
                ));
            }
            for check in &promise.checks {
                if !checks.contains(check) && !GRADER_CHECKS.contains(&check.as_str()) {
                    problems.push(format!(
                        "{name}: the promise `{}` names `{check}`, which tests/checks.rs does not define",
                        promise.promise
                    ));
                }
            }
        }
        for check in &checks {
            if exercise.promises_of(check).next().is_none() {
                problems.push(format!(
                    "{name}: the check `{check}` holds no promise: add it to one in `promises`"
                ));
            }
        }
        if !meta.title.starts_with(&format!(
            "{}.",
            exercise
                .chapter
                .trim_start_matches("ch0")
                .trim_start_matches("ch")
        )) {
            problems.push(format!(
                "{name}: the title `{}` must start with the chapter's number",
                meta.title
            ));
        }
    }
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

#[test]
fn every_kind_of_mistake_is_kept_or_declared_impossible() {
    let root = course::workspace_root();
    let wrong = wrong_answers(&root).unwrap();
    let mut problems = Vec::new();
    for exercise in exercises(&root).unwrap() {
        let name = &exercise.package;
        let kept: Vec<_> = wrong.iter().filter(|w| &w.exercise == name).collect();
        for kind in MistakeKind::ALL {
            let has_wrong_answer = kept.iter().any(|w| w.kind == kind);
            match (has_wrong_answer, exercise.meta.not_applicable.get(&kind)) {
                (true, Some(_)) => problems.push(format!(
                    "{name}: `{}` is declared not applicable, yet a wrong answer of that kind is kept",
                    kind.name()
                )),
                (false, None) => problems.push(format!(
                    "{name}: no wrong answer of kind `{}` ({}): keep one in \
                     wrong-answers/{}/{}/, or say in `not-applicable` why it cannot happen",
                    kind.name(),
                    kind.describe(),
                    exercise.chapter,
                    exercise.name
                )),
                (false, Some(reason)) if reason.trim().len() < 15 => problems.push(format!(
                    "{name}: say why `{}` cannot happen, in a sentence",
                    kind.name()
                )),
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

#[test]
fn every_wrong_answer_names_a_check_of_its_exercise() {
    let root = course::workspace_root();
    let all = exercises(&root).unwrap();
    for wrong in wrong_answers(&root).unwrap() {
        let exercise = all
            .iter()
            .find(|e| e.package == wrong.exercise)
            .unwrap_or_else(|| {
                panic!("{}: no exercise `{}`", wrong.path.display(), wrong.exercise)
            });
        let checks = check_names(&course::read(&exercise.checks_file()).unwrap());
        assert!(
            checks.contains(&wrong.caught_by) || GRADER_CHECKS.contains(&wrong.caught_by.as_str()),
            "{}: `caught-by: {}` is not a check of {} (checks: {}; or the grader's: {})",
            wrong.path.display(),
            wrong.caught_by,
            exercise.package,
            checks.join(", "),
            GRADER_CHECKS.join(", ")
        );
    }
}

#[test]
fn every_exercise_page_shows_the_task_the_checks_and_the_notes() {
    let root = course::workspace_root();
    let pages = course::pages::pages(&root);
    for exercise in exercises(&root).unwrap() {
        let folder = format!("exercises/{}/{}", exercise.chapter, exercise.name);
        let directive = format!("{{{{#course exercise {}}}}}", exercise.package);
        let page = pages
            .iter()
            .find(|p| p.text.contains(&directive))
            .unwrap_or_else(|| {
                panic!(
                    "no page has `{directive}` (what the checks verify, the mistakes they catch, the hints)"
                )
            });
        for file in ["src/lib.rs", "tests/checks.rs"] {
            assert!(
                page.text.contains(&format!("{folder}/{file}")),
                "src/{} must include {folder}/{file}",
                page.name
            );
        }
    }
}

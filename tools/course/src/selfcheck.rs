//! The self-checks at the end of each chapter, and the rule that keeps them honest: every
//! answer is backed by a test.
//!
//! A self-check is a `## Self-check` section on one of a chapter's pages. Each question is a
//! paragraph starting with its bold number (`**1.**`), then one ```` ```rust ```` block, then
//! the answer in `<details><summary>Answer</summary> … </details>`, starting with the short
//! answer in bold. The block is the proof:
//! - a block that runs (an inline doctest) asserts the answer in its hidden `# assert…` lines,
//!   and every number and every `code` word of the bold answer must appear in those lines;
//! - a "does not compile" answer (`**No: …**`) shows a `compile_fail` block that includes a
//!   compile-fail case, whose compiler message is pinned by trybuild.

use crate::pages::{CodeBlock, Page, code_blocks};

/// The heading of a self-check section.
pub const HEADING: &str = "## Self-check";

/// One question, as found on a page.
#[derive(Debug)]
pub struct Question {
    /// The page's line of its number.
    pub line: usize,
    pub block: Option<CodeBlock>,
    /// The bold short answer (without the `**`).
    pub short_answer: Option<String>,
}

/// The questions of a page's self-check section (empty when it has none).
pub fn questions(page: &str) -> Vec<Question> {
    let Some(start) = page.find(&format!("\n{HEADING}\n")) else {
        return Vec::new();
    };
    let start = start + 1;
    let end = page[start + HEADING.len()..]
        .find("\n## ")
        .map_or(page.len(), |offset| start + HEADING.len() + offset + 1);
    let section = &page[start..end];
    let first_line = page[..start].lines().count() + 1;
    let blocks = code_blocks(section);
    // A question starts at a line `**N.**`; its block and answer come before the next one.
    let starts: Vec<usize> = line_offsets(section)
        .filter(|(_, line)| is_question_start(line))
        .map(|(offset, _)| offset)
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(index, &offset)| {
            let until = starts.get(index + 1).copied().unwrap_or(section.len());
            let mut blocks_here = blocks
                .iter()
                .filter(|b| b.span.start >= offset && b.span.end <= until);
            let block = blocks_here.find(|b| b.is_rust()).cloned();
            Question {
                line: first_line + section[..offset].lines().count(),
                block,
                short_answer: short_answer(&section[offset..until]),
            }
        })
        .collect()
}

fn line_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line.trim_end()))
    })
}

fn is_question_start(line: &str) -> bool {
    line.strip_prefix("**").is_some_and(|rest| {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        !digits.is_empty() && rest[digits.len()..].starts_with(".**")
    })
}

/// The bold text that opens the answer's `<details>`.
fn short_answer(question: &str) -> Option<String> {
    let details = question.find("<summary>Answer</summary>")?;
    let after = question[details..].split_once("</summary>")?.1.trim_start();
    let bold = after.strip_prefix("**")?;
    Some(bold[..bold.find("**")?].to_owned())
}

/// What is wrong with the self-check of `page`, one line per problem.
pub fn problems(page: &Page) -> Vec<String> {
    let questions = questions(&page.text);
    let mut problems = Vec::new();
    if page.text.contains(&format!("\n{HEADING}\n")) && !(3..=5).contains(&questions.len()) {
        problems.push(format!(
            "{}: a self-check has 3 to 5 questions (`**1.**` …); found {}",
            page.name,
            questions.len()
        ));
    }
    for question in &questions {
        let at = format!("{}:{}", page.name, question.line);
        let Some(answer) = &question.short_answer else {
            problems.push(format!(
                "{at}: the answer must be `<details><summary>Answer</summary>` opening with the \
                 short answer in bold"
            ));
            continue;
        };
        let Some(block) = &question.block else {
            problems.push(format!(
                "{at}: a question shows the ```rust block that proves its answer"
            ));
            continue;
        };
        if block.has_attribute("compile_fail") {
            let includes_case = block
                .includes()
                .iter()
                .any(|i| i.path.contains("compile-fail/cases/"));
            if !includes_case || !answer.starts_with("No") {
                problems.push(format!(
                    "{at}: a compile_fail block includes a case of listings/compile-fail/cases/ \
                     (its message is pinned there), and its answer opens with **No…**"
                ));
            }
            continue;
        }
        let asserts: String = block
            .body
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with("# assert"))
            .collect::<Vec<_>>()
            .join("\n");
        if asserts.is_empty() {
            problems.push(format!(
                "{at}: the block proves its answer with hidden `# assert…` lines"
            ));
            continue;
        }
        for token in answer_tokens(answer) {
            if !asserts.contains(&token) {
                problems.push(format!(
                    "{at}: the answer says `{token}`, which no `# assert` line of its block \
                     checks"
                ));
            }
        }
    }
    problems
}

/// The numbers and `code` words of a short answer: what its block must assert.
fn answer_tokens(answer: &str) -> Vec<String> {
    let mut tokens: Vec<String> = answer
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    let outside_code: String = answer.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    tokens.extend(
        outside_code
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(str::to_owned),
    );
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Page {
        Page {
            name: "ch99-01-test.md".into(),
            path: "ch99-01-test.md".into(),
            text: text.into(),
        }
    }

    const GOOD: &str = "# Page\n\ntext\n\n## Self-check\n\n**1.** How long?\n\n```rust\n\
        let waited = 80;\n# assert_eq!(waited, 80);\n```\n\n<details>\n<summary>Answer</summary>\n\n\
        **80 ms**: because.\n\n</details>\n\n**2.** Order?\n\n```rust\nlet first = \"start\";\n\
        # assert_eq!(first, \"start\");\n```\n\n<details>\n<summary>Answer</summary>\n\n**`start` \
        first.**\n\n</details>\n\n**3.** Compiles?\n\n```rust,compile_fail\n\
        {{#include ../listings/compile-fail/cases/ch99-x.rs}}\n```\n\n<details>\n\
        <summary>Answer</summary>\n\n**No: it borrows twice.**\n\n</details>\n\n## Next\n";

    #[test]
    fn a_well_formed_self_check_has_no_problems() {
        let questions = questions(GOOD);
        assert_eq!(questions.len(), 3);
        assert_eq!(questions[0].short_answer.as_deref(), Some("80 ms"));
        assert_eq!(questions[0].line, 7);
        assert!(
            problems(&page(GOOD)).is_empty(),
            "{:?}",
            problems(&page(GOOD))
        );
    }

    #[test]
    fn an_answer_its_block_does_not_assert_is_refused() {
        let wrong = GOOD.replace("**80 ms**", "**90 ms**");
        let problems = problems(&page(&wrong));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("`90`"), "{problems:?}");
        let unproven = GOOD.replace("\n# assert_eq!(waited, 80);", "");
        assert!(problems_of(&unproven).contains("hidden `# assert"));
        let compiles = GOOD.replace("**No: it", "**Yes: it");
        assert!(problems_of(&compiles).contains("compile_fail"));
        let two = GOOD.replace("**3.**", "Three.");
        assert!(problems_of(&two).contains("3 to 5 questions"));
    }

    fn problems_of(text: &str) -> String {
        problems(&page(text)).join("\n")
    }

    #[test]
    fn every_written_chapter_ends_with_a_self_check_whose_answers_are_proven() {
        let root = crate::workspace_root();
        let pages = crate::pages::pages(&root);
        let mut problems_found = Vec::new();
        for chapter in crate::chapters::chapters(&root).unwrap() {
            if !chapter.is_written() {
                continue;
            }
            let own: Vec<&Page> = pages
                .iter()
                .filter(|p| p.name.starts_with(&format!("{}-", chapter.id)))
                .collect();
            if !own.iter().any(|p| !questions(&p.text).is_empty()) {
                problems_found.push(format!("{} has no `{HEADING}` section", chapter.id));
            }
            for page in own {
                problems_found.extend(problems(page));
            }
        }
        assert!(problems_found.is_empty(), "{}", problems_found.join("\n"));
    }
}

//! The instructor guide (`{{#course instructor-guide}}`): for each chapter its objectives (from
//! its first page), minutes, prerequisites, the exercises to assign with what their checks
//! verify, and questions for discussion (from `course.toml`); then schedules for a workshop and
//! an evening course, summed from the same minutes as the introduction's instructor table.

use crate::chapters::Chapter;
use crate::render::{Facts, heading_id};
use anyhow::{Result, bail};
use std::fmt::Write;

/// The formats the guide plans, each a list of sessions with the minutes they hold. These are
/// the only place the sessions' lengths are written.
pub const FORMATS: &[Format] = &[
    Format {
        name: "A one-day workshop",
        sessions: &[("Morning", 180), ("Afternoon", 180)],
    },
    Format {
        name: "A two-day workshop",
        sessions: &[
            ("Day 1, morning", 180),
            ("Day 1, afternoon", 180),
            ("Day 2, morning", 180),
            ("Day 2, afternoon", 180),
        ],
    },
    Format {
        name: "A ten-week evening course",
        sessions: &[
            ("Week 1", 120),
            ("Week 2", 120),
            ("Week 3", 120),
            ("Week 4", 120),
            ("Week 5", 120),
            ("Week 6", 120),
            ("Week 7", 120),
            ("Week 8", 120),
            ("Week 9", 120),
            ("Week 10", 120),
        ],
    },
];

pub struct Format {
    pub name: &'static str,
    /// Each session's name and its minutes of class time.
    pub sessions: &'static [(&'static str, u32)],
}

/// A piece of a chapter that a session holds: its reading or its exercises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub chapter: u32,
    pub title: String,
    pub exercises: bool,
    pub minutes: u32,
}

/// A schedule: the blocks each session holds, and what did not fit.
#[derive(Debug)]
pub struct Schedule {
    pub sessions: Vec<(&'static str, u32, Vec<Block>)>,
    pub left_over: Vec<Block>,
}

/// Every written chapter's reading, then its exercises, in the course's order.
pub fn blocks(facts: &Facts) -> Vec<Block> {
    let mut blocks = Vec::new();
    for chapter in facts.chapters.iter().filter(|c| c.is_written()) {
        let reading = chapter.reading_minutes.unwrap_or_default();
        let exercises = facts.exercise_minutes(&chapter.id);
        for (is_exercises, minutes) in [(false, reading), (true, exercises)] {
            if minutes > 0 {
                blocks.push(Block {
                    chapter: chapter.number(),
                    title: chapter.title.clone(),
                    exercises: is_exercises,
                    minutes,
                });
            }
        }
    }
    blocks
}

/// Fills the sessions in order: a block goes into the current session if it fits, else into
/// the next one; a block longer than a whole session gets a session to itself. A chapter is
/// never taught out of order, so once a block is left over, every later one is too.
pub fn schedule(format: &Format, blocks: &[Block]) -> Schedule {
    let mut sessions: Vec<(&'static str, u32, Vec<Block>)> = format
        .sessions
        .iter()
        .map(|&(name, minutes)| (name, minutes, Vec::new()))
        .collect();
    let mut current = 0;
    let mut used = 0;
    let mut left_over = Vec::new();
    for block in blocks {
        while current < sessions.len() && used > 0 && used + block.minutes > sessions[current].1 {
            current += 1;
            used = 0;
        }
        if current < sessions.len() && left_over.is_empty() {
            used += block.minutes;
            sessions[current].2.push(block.clone());
        } else {
            left_over.push(block.clone());
        }
    }
    Schedule {
        sessions,
        left_over,
    }
}

fn describe(block: &Block) -> String {
    format!(
        "{}. {}: {} ({} min)",
        block.chapter,
        block.title,
        if block.exercises {
            "exercises"
        } else {
            "reading"
        },
        block.minutes
    )
}

/// The whole guide, as Markdown.
pub fn guide(facts: &Facts) -> Result<String> {
    let mut out = String::new();
    for chapter in &facts.chapters {
        chapter_section(&mut out, facts, chapter)?;
    }
    out.push_str("## Schedules\n\n");
    let blocks = blocks(facts);
    let total: u32 = blocks.iter().map(|b| b.minutes).sum();
    let _ = writeln!(
        out,
        "The written chapters need {total} minutes in all ({} h {} min), reading and exercises \
         together, by the same minutes as the introduction's table. Each plan below fills its \
         sessions in the course's order; a chapter's exercises may fall in the session after \
         its reading.\n",
        total / 60,
        total % 60
    );
    for format in FORMATS {
        let plan = schedule(format, &blocks);
        let _ = writeln!(out, "### {}\n", format.name);
        out.push_str("| Session | Minutes | What it holds |\n|---|---:|---|\n");
        for (name, minutes, held) in &plan.sessions {
            let used: u32 = held.iter().map(|b| b.minutes).sum();
            let content = if held.is_empty() {
                "review: the chapters' self-checks, questions, and chapter 8's benchmark run on \
                 the class's own machines"
                    .to_owned()
            } else {
                held.iter().map(describe).collect::<Vec<_>>().join("; ")
            };
            let _ = writeln!(out, "| {name} | {used} of {minutes} | {content} |");
        }
        if !plan.left_over.is_empty() {
            let rest: Vec<String> = plan.left_over.iter().map(describe).collect();
            let _ = writeln!(
                out,
                "\nDoes not fit, for after the sessions: {}.",
                rest.join("; ")
            );
        }
        out.push('\n');
    }
    Ok(out)
}

fn chapter_section(out: &mut String, facts: &Facts, chapter: &Chapter) -> Result<()> {
    let _ = writeln!(out, "## {}. {}\n", chapter.number(), chapter.title);
    let Some(page) = chapter.page.as_ref().filter(|_| chapter.is_written()) else {
        out.push_str("*Planned: not written yet.*\n\n");
        return Ok(());
    };
    let _ = writeln!(
        out,
        "**[Read it]({page}).** {} minutes of reading and {} minutes of exercises. \
         **Prerequisites:** {}\n",
        chapter.reading_minutes.unwrap_or_default(),
        facts.exercise_minutes(&chapter.id),
        chapter.prerequisites
    );
    out.push_str("**Objectives.** A student who has done the chapter can:\n\n");
    for objective in facts.objectives(&chapter.id) {
        let _ = writeln!(out, "- {objective}");
    }
    out.push('\n');
    let exercises: Vec<_> = facts.exercises_of(&chapter.id).collect();
    if !exercises.is_empty() {
        out.push_str("**Exercises to assign**, and what their checks verify:\n\n");
        for exercise in exercises {
            let title = match facts.exercise_pages.get(&exercise.package) {
                Some(page) => format!(
                    "[{}]({page}#{})",
                    exercise.meta.title,
                    heading_id(&exercise.meta.title)
                ),
                None => exercise.meta.title.clone(),
            };
            let promises: Vec<&str> = exercise
                .meta
                .promises
                .iter()
                .map(|p| p.promise.trim_end_matches('.'))
                .collect();
            let _ = writeln!(
                out,
                "- {title} ({} min, `cargo xtask check {}`): {}.",
                exercise.meta.minutes,
                exercise.package,
                promises.join("; ")
            );
        }
        out.push('\n');
    }
    if chapter.discussion.is_empty() {
        bail!(
            "course.toml: {} is written but has no `discussion` questions for the instructor \
             guide",
            chapter.id
        );
    }
    out.push_str("**For discussion:**\n\n");
    for (index, question) in chapter.discussion.iter().enumerate() {
        let _ = writeln!(out, "{}. {question}", index + 1);
    }
    out.push('\n');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(chapter: u32, minutes: u32) -> Block {
        Block {
            chapter,
            title: format!("Chapter {chapter}"),
            exercises: false,
            minutes,
        }
    }

    const TWO_HOURS: Format = Format {
        name: "test",
        sessions: &[("One", 60), ("Two", 60)],
    };

    #[test]
    fn blocks_fill_sessions_in_order_and_the_rest_is_left_over() {
        let plan = schedule(
            &TWO_HOURS,
            &[block(1, 40), block(2, 30), block(3, 20), block(4, 50)],
        );
        let held: Vec<Vec<u32>> = plan
            .sessions
            .iter()
            .map(|s| s.2.iter().map(|b| b.chapter).collect())
            .collect();
        // 40 + 30 is more than 60, so chapter 2 opens the second session; chapter 3 joins it;
        // chapter 4 no longer fits anywhere.
        assert_eq!(held, [vec![1], vec![2, 3]]);
        assert_eq!(plan.left_over, [block(4, 50)]);
    }

    #[test]
    fn a_block_longer_than_a_session_gets_one_to_itself_and_order_is_kept() {
        let plan = schedule(&TWO_HOURS, &[block(1, 90), block(2, 10), block(3, 70)]);
        assert_eq!(plan.sessions[0].2, [block(1, 90)]);
        assert_eq!(plan.sessions[1].2, [block(2, 10)]);
        assert_eq!(plan.left_over, [block(3, 70)]);
    }

    #[test]
    fn every_minute_of_the_course_is_placed_or_left_over_in_every_format() {
        let facts = Facts::load(&crate::workspace_root()).unwrap();
        let blocks = blocks(&facts);
        let total: u32 = blocks.iter().map(|b| b.minutes).sum();
        for format in FORMATS {
            let plan = schedule(format, &blocks);
            let placed: u32 = plan
                .sessions
                .iter()
                .flat_map(|s| &s.2)
                .chain(&plan.left_over)
                .map(|b| b.minutes)
                .sum();
            assert_eq!(placed, total, "{}", format.name);
        }
    }
}

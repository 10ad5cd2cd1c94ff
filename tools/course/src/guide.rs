//! The instructor guide (`{{#course instructor-guide}}`): for each chapter its objectives (from
//! its first page), minutes, prerequisites, the exercises to assign with what their checks
//! verify, and questions for discussion (from `course.toml`); then schedules for a workshop and
//! an evening course, summed from the same minutes as the introduction's instructor table.

use crate::chapters::Chapter;
use crate::render::{Facts, heading_id};
use anyhow::{Result, bail};
use std::fmt::Write;

/// The formats the guide plans. These are the only place the sessions' lengths are written.
pub const FORMATS: &[Format] = &[
    Format {
        name: "A one-day workshop",
        sessions: &["Morning", "Afternoon"],
        minutes: 180,
        filled: 150,
        one_chapter_each: false,
    },
    Format {
        name: "A two-day workshop",
        sessions: &[
            "Day 1, morning",
            "Day 1, afternoon",
            "Day 2, morning",
            "Day 2, afternoon",
        ],
        minutes: 180,
        filled: 150,
        one_chapter_each: false,
    },
    Format {
        name: "A ten-week evening course",
        sessions: &[
            "Week 1", "Week 2", "Week 3", "Week 4", "Week 5", "Week 6", "Week 7", "Week 8",
            "Week 9", "Week 10",
        ],
        minutes: 150,
        filled: 120,
        one_chapter_each: true,
    },
];

pub struct Format {
    pub name: &'static str,
    pub sessions: &'static [&'static str],
    /// The length of each session.
    pub minutes: u32,
    /// How much of it the plan fills; the rest is for questions, discussion and breaks.
    pub filled: u32,
    /// One chapter per session, its exercises done at home when they do not fit; otherwise the
    /// sessions are filled in the course's order.
    pub one_chapter_each: bool,
}

/// A piece of a chapter that a session holds: its reading or its exercises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub chapter: u32,
    pub title: String,
    pub exercises: bool,
    pub minutes: u32,
}

/// What one session holds, and what it leaves for home.
#[derive(Debug, Default)]
pub struct Session {
    pub name: &'static str,
    pub held: Vec<Block>,
    pub homework: Vec<Block>,
}

/// A schedule: the sessions, and what did not fit in any.
#[derive(Debug)]
pub struct Schedule {
    pub sessions: Vec<Session>,
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

/// Plans `blocks` into the sessions of `format`, never out of the course's order.
/// - In order: a block goes into the current session if it fits in the minutes the format
///   fills, else into the next one; a block longer than that gets a session to itself; once a
///   block is left over, every later one is too.
/// - One chapter each: session N holds chapter N's blocks while they fit; the rest is homework.
pub fn schedule(format: &Format, blocks: &[Block]) -> Schedule {
    let mut sessions: Vec<Session> = format
        .sessions
        .iter()
        .map(|&name| Session {
            name,
            ..Session::default()
        })
        .collect();
    let mut left_over = Vec::new();
    if format.one_chapter_each {
        let mut chapters: Vec<u32> = blocks.iter().map(|b| b.chapter).collect();
        chapters.dedup();
        for block in blocks {
            let index = chapters.iter().position(|&c| c == block.chapter);
            let Some(session) = index.and_then(|i| sessions.get_mut(i)) else {
                left_over.push(block.clone());
                continue;
            };
            let used: u32 = session.held.iter().map(|b| b.minutes).sum();
            if session.held.is_empty() || used + block.minutes <= format.filled {
                session.held.push(block.clone());
            } else {
                session.homework.push(block.clone());
            }
        }
        return Schedule {
            sessions,
            left_over,
        };
    }
    let mut current = 0;
    let mut used = 0;
    for block in blocks {
        while current < sessions.len() && used > 0 && used + block.minutes > format.filled {
            current += 1;
            used = 0;
        }
        if current < sessions.len() && left_over.is_empty() {
            used += block.minutes;
            sessions[current].held.push(block.clone());
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
         together, by the same minutes as the introduction's table. The workshops fill their \
         sessions in the course's order, so a chapter's exercises may fall in the session after \
         its reading; the evening course gives each chapter a week of its own.\n",
        total / 60,
        total % 60
    );
    for format in FORMATS {
        let plan = schedule(format, &blocks);
        let _ = writeln!(
            out,
            "### {}\n\n{} sessions of {} minutes; the plan fills {} of each and leaves the rest \
             for questions, discussion and breaks.\n",
            format.name,
            format.sessions.len(),
            format.minutes,
            format.filled
        );
        out.push_str("| Session | Minutes planned | What it holds |\n|---|---:|---|\n");
        for session in &plan.sessions {
            let used: u32 = session.held.iter().map(|b| b.minutes).sum();
            let mut content = if session.held.is_empty() {
                "review: the chapters' self-checks, open questions, and chapter 8's benchmark \
                 run on the class's own machines"
                    .to_owned()
            } else {
                session
                    .held
                    .iter()
                    .map(describe)
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            for block in &session.homework {
                let _ = write!(content, "; at home: {}", describe(block));
            }
            let _ = writeln!(out, "| {} | {used} | {content} |", session.name);
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

    fn format(one_chapter_each: bool) -> Format {
        Format {
            name: "test",
            sessions: &["One", "Two"],
            minutes: 70,
            filled: 60,
            one_chapter_each,
        }
    }

    fn held(plan: &Schedule) -> Vec<Vec<u32>> {
        plan.sessions
            .iter()
            .map(|s| s.held.iter().map(|b| b.chapter).collect())
            .collect()
    }

    #[test]
    fn in_order_blocks_fill_sessions_and_the_rest_is_left_over() {
        let plan = schedule(
            &format(false),
            &[block(1, 40), block(2, 30), block(3, 20), block(4, 50)],
        );
        // 40 + 30 is more than the 60 filled, so chapter 2 opens the second session; chapter 3
        // joins it; chapter 4 no longer fits anywhere.
        assert_eq!(held(&plan), [vec![1], vec![2, 3]]);
        assert_eq!(plan.left_over, [block(4, 50)]);
    }

    #[test]
    fn a_block_longer_than_a_session_gets_one_to_itself_and_order_is_kept() {
        let plan = schedule(&format(false), &[block(1, 90), block(2, 10), block(3, 70)]);
        assert_eq!(held(&plan), [vec![1], vec![2]]);
        assert_eq!(plan.left_over, [block(3, 70)]);
    }

    #[test]
    fn one_chapter_each_sends_what_does_not_fit_home() {
        let exercises = Block {
            exercises: true,
            ..block(1, 30)
        };
        let plan = schedule(
            &format(true),
            &[block(1, 40), exercises.clone(), block(2, 20), block(3, 5)],
        );
        assert_eq!(held(&plan), [vec![1], vec![2]]);
        assert_eq!(plan.sessions[0].homework, [exercises]);
        assert_eq!(plan.left_over, [block(3, 5)]);
    }

    #[test]
    fn every_minute_of_the_course_is_placed_somewhere_in_every_format() {
        let facts = Facts::load(&crate::workspace_root()).unwrap();
        let blocks = blocks(&facts);
        let total: u32 = blocks.iter().map(|b| b.minutes).sum();
        for format in FORMATS {
            let plan = schedule(format, &blocks);
            let placed: u32 = plan
                .sessions
                .iter()
                .flat_map(|s| s.held.iter().chain(&s.homework))
                .chain(&plan.left_over)
                .map(|b| b.minutes)
                .sum();
            assert_eq!(placed, total, "{}", format.name);
            assert!(format.filled <= format.minutes, "{}", format.name);
        }
    }
}

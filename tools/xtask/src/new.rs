//! `cargo xtask new`: starts a chapter, a listing, an exercise or a wrong answer from the
//! course's templates (see `course::scaffold`).

use crate::Workspace;
use anyhow::Result;
use course::scaffold::{self, MARKER};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// Turn a chapter that course.toml plans into a written one: its first page, exercise
    /// and solution pages, SUMMARY.md entries and folders
    Chapter {
        /// The chapter, as course.toml names it (`ch05`)
        chapter: String,
    },
    /// Add the next listing of a chapter (`listings/chNN/listing-NN-MM`)
    Listing {
        /// The chapter (`ch05`)
        chapter: String,
    },
    /// Add an exercise: its starter, checks, solution, and sections on the chapter's
    /// exercise and solution pages
    Exercise {
        /// The chapter (`ch05`)
        chapter: String,
        /// The exercise's folder name, in kebab-case (`rate-limiter`)
        name: String,
        /// Its title, without the number (`"Limit the rate of requests"`)
        title: String,
    },
    /// Add a wrong answer to an exercise: the items of its solution that the mistake changes
    WrongAnswer {
        /// The exercise (`ch05-rate-limiter`)
        exercise: String,
        /// The mistake's file name, in kebab-case (`one-at-a-time`)
        slug: String,
        /// Its kind (`sequential`, `busy-wait`, …)
        #[arg(long)]
        kind: String,
        /// The check that must fail on it
        #[arg(long)]
        caught_by: String,
    },
}

pub fn run(workspace: &Workspace, args: Args) -> Result<()> {
    let root = &workspace.root;
    let written = match args.what {
        What::Chapter { chapter } => scaffold::new_chapter(root, &chapter)?,
        What::Listing { chapter } => scaffold::new_listing(root, &chapter)?,
        What::Exercise {
            chapter,
            name,
            title,
        } => scaffold::new_exercise(root, &chapter, &name, &title)?,
        What::WrongAnswer {
            exercise,
            slug,
            kind,
            caught_by,
        } => scaffold::new_wrong_answer(root, &exercise, &slug, &kind, &caught_by)?,
    };
    println!("Wrote:");
    for file in &written {
        println!("  {}", course::generated::relative(root, file));
    }
    println!(
        "Next: fill every {MARKER} (`grep -rn '{MARKER}' .` lists them), then run \
         `cargo xtask test`. CONTRIBUTING.md describes each step."
    );
    Ok(())
}

/// Proves that the exercise templates make an exercise the test command grades both ways (the
/// starter fails its check, the solution passes it): writes one into a scratch copy of the
/// course's pages and grades it.
pub fn prove_exercise_template(workspace: &Workspace) -> Result<String> {
    let scratch = workspace.target("course-grading/scaffold");
    let _ = std::fs::remove_dir_all(&scratch);
    for page in ["-exercises.md", "-solutions.md"] {
        let from = scaffold::chapter_page(&workspace.root, "ch01", page)?;
        let to = scratch.join("src").join(from.file_name().expect("a page"));
        std::fs::create_dir_all(to.parent().expect("src/"))?;
        std::fs::copy(&from, &to)?;
    }
    scaffold::new_exercise(
        &scratch,
        "ch01",
        "scaffolded",
        "Scaffolded by the test command",
    )?;
    let exercises = course::exercises::exercises(&scratch)?;
    course_grading::authors::grade_exercises(workspace, &exercises, false)?;
    Ok(format!(
        "`cargo xtask new exercise` writes an exercise whose starter fails and whose solution \
         passes ({})",
        exercises
            .first()
            .map(|e| e.package.as_str())
            .unwrap_or_default()
    ))
}

//! The command line every figure of the book shares: record new data and draw it, only draw
//! it again from the committed data, or check that the committed picture is the drawing of the
//! committed data (`cargo xtask regen --check` runs that).

use std::path::Path;
use std::process::ExitCode;

/// What a figure's command was asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Record new data, then draw it.
    Record,
    /// Draw the committed data again (after a change to the drawing code).
    RenderOnly,
    /// Write nothing; fail if the committed picture is not the drawing of the committed data.
    Check,
}

impl Mode {
    /// The mode a command line asks for: nothing, `--render-only` or `--check`.
    pub fn from_arguments(arguments: &[String]) -> Option<Self> {
        match arguments {
            [] => Some(Mode::Record),
            [only] if only == "--render-only" => Some(Mode::RenderOnly),
            [only] if only == "--check" => Some(Mode::Check),
            _ => None,
        }
    }
}

/// One figure: its data file and its picture, how to record new data (as the data file's
/// text), and how to draw data.
pub struct Figure<'a> {
    /// The command's name, for messages (`timeline`).
    pub name: &'a str,
    pub data: &'a Path,
    pub picture: &'a Path,
    pub record: &'a dyn Fn() -> Result<String, String>,
    pub draw: &'a dyn Fn(&str) -> Result<String, String>,
}

impl Figure<'_> {
    /// Runs the command line of the process; every error is one line.
    pub fn main(&self) -> ExitCode {
        let arguments: Vec<String> = std::env::args().skip(1).collect();
        let Some(mode) = Mode::from_arguments(&arguments) else {
            eprintln!(
                "{}: usage: {} [--render-only | --check]",
                self.name, self.name
            );
            return ExitCode::FAILURE;
        };
        match self.run(mode) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{}: {message}", self.name);
                ExitCode::FAILURE
            }
        }
    }

    /// Does what `mode` says.
    pub fn run(&self, mode: Mode) -> Result<(), String> {
        if mode == Mode::Record {
            let data = (self.record)()?;
            write(self.data, &data)?;
            println!("wrote {}", self.data.display());
        }
        let data = std::fs::read_to_string(self.data)
            .map_err(|e| format!("cannot read {}: {e}", self.data.display()))?;
        let drawing = (self.draw)(&data)?;
        if mode == Mode::Check {
            let committed = std::fs::read_to_string(self.picture).unwrap_or_default();
            return if committed == drawing {
                Ok(())
            } else {
                Err(format!(
                    "{} is not the drawing of {}: run `cargo xtask regen figures`",
                    self.picture.display(),
                    self.data.display()
                ))
            };
        }
        write(self.picture, &drawing)?;
        println!("wrote {}", self.picture.display());
        Ok(())
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_modes_are_read_from_the_command_line() {
        let arguments = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert_eq!(Mode::from_arguments(&[]), Some(Mode::Record));
        assert_eq!(
            Mode::from_arguments(&arguments(&["--check"])),
            Some(Mode::Check)
        );
        assert_eq!(
            Mode::from_arguments(&arguments(&["--render-only"])),
            Some(Mode::RenderOnly)
        );
        assert_eq!(Mode::from_arguments(&arguments(&["--render"])), None);
    }

    #[test]
    fn check_compares_without_writing_and_record_writes_both() {
        let dir = std::env::temp_dir().join(format!("course-svg-figure-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (data, picture) = (dir.join("data.tsv"), dir.join("picture.svg"));
        let figure = Figure {
            name: "test",
            data: &data,
            picture: &picture,
            record: &|| Ok("1\t2\n".into()),
            draw: &|data| Ok(format!("<svg>{}</svg>", data.trim())),
        };
        figure.run(Mode::Record).unwrap();
        assert_eq!(
            std::fs::read_to_string(&picture).unwrap(),
            "<svg>1\t2</svg>"
        );
        figure.run(Mode::Check).unwrap();
        std::fs::write(&picture, "<svg>edited</svg>").unwrap();
        let stale = figure.run(Mode::Check).unwrap_err();
        assert!(stale.contains("cargo xtask regen figures"), "{stale}");
        assert_eq!(
            std::fs::read_to_string(&picture).unwrap(),
            "<svg>edited</svg>"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

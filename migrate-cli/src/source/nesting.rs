//! How deeply a file nests, estimated before syn parses it.
//!
//! syn parses by recursive descent, and so does every visitor over its tree: code
//! nested thousands of levels deep (`((((...))))`, `Vec<Vec<...>>`, `!!!!x`) overflows
//! the stack, which aborts the whole process, not just the file's migration. The
//! estimate here walks the tokens without recursion (proc-macro2 lexes without
//! recursion too) and counts what makes syn recurse: delimiters, open `<`, runs of
//! prefix operators and keywords, and chains that syn parses right to left
//! (assignments, closures, `else if`). It is an upper bound for real code, whose depth
//! stays in the tens; a file above [`MAX_NESTING`] is not parsed.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// The deepest nesting estimate a file may have to be parsed.
///
/// Hand-written and generated code alike stay far below: the largest estimate over
/// the 9,000 files of a cargo registry is under 100 (syn's own tests of odd syntax).
/// The threads the plan parses on have stacks for about ten times this depth of the
/// costliest nesting known (`Box<dyn Fn() -> ...>`, some 85 KiB of stack per level in
/// a debug build), and more for the others.
pub const MAX_NESTING: usize = 500;

/// One level of delimiters being walked.
struct Level {
    tokens: proc_macro2::token_stream::IntoIter,
    /// The depth of the levels around this one.
    base: usize,
    /// `<` not closed yet.
    angles: usize,
    /// Consecutive prefix operators and keywords (`&mut *!-x`, `move`, `return`).
    prefix: usize,
    /// Assignments, closures and `else`s since the last `;` or `,`.
    chain: usize,
    /// The last token was a `{...}` group: a statement or item may have ended there.
    after_brace: bool,
    /// The last token was a punctuation joined to the next one (`+` of `+=`): which.
    joint: Option<char>,
}

impl Level {
    fn new(tokens: TokenStream, base: usize) -> Level {
        Level {
            tokens: tokens.into_iter(),
            base,
            angles: 0,
            prefix: 0,
            chain: 0,
            after_brace: false,
            joint: None,
        }
    }

    fn depth(&self) -> usize {
        self.base + 1 + self.angles + self.prefix + self.chain
    }

    fn end_statement(&mut self) {
        self.angles = 0;
        self.prefix = 0;
        self.chain = 0;
    }
}

/// The estimated nesting depth of `text`: 0 when it does not even split into tokens
/// (syn then fails before any recursion).
pub fn nesting(text: &str) -> usize {
    text.parse::<TokenStream>().map_or(0, tokens_nesting)
}

/// The estimated nesting depth of `tokens`.
pub(super) fn tokens_nesting(tokens: TokenStream) -> usize {
    let mut stack = vec![Level::new(tokens, 0)];
    let mut deepest = 0;
    while let Some(level) = stack.last_mut() {
        let Some(token) = level.tokens.next() else {
            stack.pop();
            if let Some(parent) = stack.last_mut() {
                parent.prefix = 0;
            }
            continue;
        };
        if level.after_brace {
            level.after_brace = false;
            let is_else = matches!(&token, TokenTree::Ident(ident) if ident == "else");
            if !is_else {
                level.end_statement();
            }
        }
        let joint_before = level.joint.take();
        match token {
            TokenTree::Group(group) => {
                level.after_brace = group.delimiter() == Delimiter::Brace;
                let base = level.depth();
                deepest = deepest.max(base + 1);
                stack.push(Level::new(group.stream(), base));
                continue;
            }
            TokenTree::Punct(punct) => {
                if punct.spacing() == Spacing::Joint {
                    level.joint = Some(punct.as_char());
                }
                match punct.as_char() {
                    '<' => level.angles += 1,
                    // The `>` of `=>` closes nothing, nor that of `->`, which syn
                    // parses right to left (`fn() -> fn() -> u8`), and deeply.
                    '>' if joint_before == Some('-') => level.chain += 1,
                    '>' if joint_before == Some('=') => {}
                    '>' => level.angles = level.angles.saturating_sub(1),
                    ';' => level.end_statement(),
                    ',' => {
                        level.prefix = 0;
                        level.chain = 0;
                    }
                    '!' | '-' | '*' | '&' | '.' => level.prefix += 1,
                    '=' if joint_before.is_none() && punct.spacing() == Spacing::Alone => {
                        level.chain += 1;
                    }
                    '|' => level.chain += 1,
                    _ => {}
                }
            }
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                match name.as_str() {
                    "move" | "async" | "return" | "break" | "mut" | "ref" | "dyn" | "impl"
                    | "box" | "yield" | "const" | "static" | "let" | "raw" => level.prefix += 1,
                    "else" | "fn" => level.chain += 1,
                    _ => level.prefix = 0,
                }
            }
            TokenTree::Literal(_) => level.prefix = 0,
        }
        deepest = deepest.max(level.depth());
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_code_is_shallow() {
        let text = "use std::collections::HashMap;\nimpl<T: Clone> S<T> {\n    fn a(&self) -> Option<Vec<T>> { if let Some(x) = self.0.get(0) { Some(vec![x.clone()]) } else { None } }\n    fn b(&mut self) { self.n += 1; let c = |x: u8| x + 1; }\n}\n";
        let depth = nesting(text);
        assert!((4..20).contains(&depth), "{depth}");
        // Many items in a row do not add up.
        let many = "fn f() {}\n".repeat(5000) + &"const A: u8 = 1;\n".repeat(5000);
        assert!(nesting(&many) < 10, "{}", nesting(&many));
        let arms = format!(
            "fn f(x: u8) -> u8 {{ match x {{ {} _ => 0 }} }}",
            (0..2000)
                .map(|i| format!("{i} => {i},"))
                .collect::<String>()
        );
        assert!(nesting(&arms) < 10, "{}", nesting(&arms));
    }

    #[test]
    fn every_kind_of_deep_nesting_is_seen() {
        let n = 5000;
        for text in [
            format!("fn f() {{ let x = {}1{}; }}", "(".repeat(n), ")".repeat(n)),
            format!("fn f() {}{}", "{".repeat(n), "}".repeat(n)),
            format!("type T = {}u8{};", "Vec<".repeat(n), ">".repeat(n)),
            format!("fn f() {{ let x = {}true; }}", "!".repeat(n)),
            format!("fn f() {{ let x = {}y; }}", "&".repeat(n)),
            format!("fn f() {{ {}0; }}", "a = ".repeat(n)),
            format!("fn f() {{ let g = {}0; }}", "|| ".repeat(n)),
            format!("fn f() {{ {}{{}} }}", "if a {} else ".repeat(n)),
            format!("type T = {}u8;", "*const ".repeat(n)),
            format!("type T = {}u8;", "fn() -> ".repeat(n)),
            format!(
                "type T = {}u8{};",
                "Box<dyn Fn() -> ".repeat(n),
                ">".repeat(n)
            ),
            format!("fn f() {{ {}() }}", "move || async move ".repeat(n)),
        ] {
            let depth = nesting(&text);
            assert!(depth >= n, "{depth} for {}", &text[..60]);
        }
    }

    #[test]
    fn text_that_does_not_lex_is_depth_zero() {
        assert_eq!(nesting("fn f() { \"unterminated"), 0);
        assert_eq!(nesting("(((("), 0);
    }
}

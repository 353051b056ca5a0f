//! Rules for `async_std::prelude`.

use super::{Action::*, Rule};

pub(super) const RULES: &[Rule] = &[Rule {
    item: "async_std::prelude",
    action: Module("smol::prelude"),
    note: "smol's prelude brings FutureExt, StreamExt and the io extension traits into scope",
}];

//! Parameter lists (`def`, `lambda`) and call argument lists: parsed flat by the grammar, then
//! sorted into CPython's fields and checked in CPython's order, with its messages.

use taipan_ast::*;

use super::{Ctx, PResult, range, user_error};

/// One item of a parameter list, as the grammar reads it.
#[derive(Debug)]
pub enum ParamItem<'a> {
    /// `name[: annotation]`, and its default.
    Plain(Arg<'a>, Option<Expr<'a>>),
    /// `/`.
    Slash(u32, u32),
    /// `*` or `*name[: annotation]` (and a default, which is an error).
    Star(u32, u32, Option<(Arg<'a>, Option<Expr<'a>>)>),
    /// `**name[: annotation]` (and a default, which is an error).
    DoubleStar(u32, u32, Arg<'a>, Option<Expr<'a>>),
}

/// One item of a call's argument list.
#[derive(Debug)]
pub enum ArgItem<'a> {
    /// A positional argument, `*iterable` included (as `Starred`).
    Positional(Expr<'a>),
    /// An unparenthesized generator expression: `f(x for x in y)`.
    Generator(u32, u32, Expr<'a>, Vec<Comprehension<'a>>),
    /// `name=value`, or `**mapping` when the name is `None`.
    Keyword(u32, u32, Option<&'a str>, Expr<'a>),
}

/// The positional and keyword arguments of a call or class definition.
pub type CallArgs<'a> = (&'a mut [Expr<'a>], &'a mut [Keyword<'a>]);

impl<'a> Ctx<'a> {
    pub fn arg(&self, l: u32, r: u32, name: &'a str, annotation: Option<Expr<'a>>) -> Arg<'a> {
        Arg {
            range: range(l, r),
            arg: name,
            annotation,
            type_comment: None,
        }
    }

    /// Sorts a parameter list into `arguments`, with CPython's errors for a misplaced `/`, `*`
    /// or `**` and for defaults in the wrong place.
    pub fn arguments(
        &self,
        items: Vec<ParamItem<'a>>,
        lambda: bool,
    ) -> PResult<&'a mut Arguments<'a>> {
        let mut posonlyargs = Vec::new();
        let mut args: Vec<Arg<'a>> = Vec::new();
        let mut defaults = Vec::new();
        let mut vararg = None;
        let mut kwonlyargs = Vec::new();
        let mut kw_defaults = Vec::new();
        let mut kwarg = None;
        let mut seen_slash = false;
        let mut star: Option<(u32, u32)> = None;
        let mut star_has_name = false;
        let mut kwarg_range: Option<(u32, u32)> = None;
        let n = items.len();
        for (index, item) in items.into_iter().enumerate() {
            if kwarg_range.is_some() {
                let r = match &item {
                    ParamItem::Plain(a, _) => a.range,
                    ParamItem::Star(l, _, _) => range(*l, *l + 1),
                    ParamItem::DoubleStar(l, _, _, _) => range(*l, *l + 2),
                    ParamItem::Slash(l, r) => range(*l, *r),
                };
                return user_error(r, "arguments cannot follow var-keyword argument");
            }
            match item {
                ParamItem::Plain(arg, default) => {
                    if star.is_some() {
                        kwonlyargs.push(arg);
                        kw_defaults.push(default);
                    } else {
                        match default {
                            Some(d) => defaults.push(d),
                            None if !defaults.is_empty() => {
                                return user_error(
                                    arg.range,
                                    "parameter without a default follows parameter with a default",
                                );
                            }
                            None => {}
                        }
                        args.push(arg);
                    }
                }
                ParamItem::Slash(l, r) => {
                    if seen_slash {
                        return user_error(range(l, r), "/ may appear only once");
                    }
                    if star.is_some() {
                        return user_error(range(l, r), "/ must be ahead of *");
                    }
                    if args.is_empty() {
                        // CPython's rule is `"/" ","`: with nothing after, its generic error.
                        let message = if index + 1 < n {
                            "at least one argument must precede /"
                        } else {
                            "invalid syntax"
                        };
                        return user_error(range(l, r), message);
                    }
                    seen_slash = true;
                    posonlyargs = std::mem::take(&mut args);
                }
                ParamItem::Star(l, r, named) => {
                    if star.is_some() {
                        // CPython's rule needs a name or a comma after the second `*`.
                        if named.is_none() && index + 1 == n {
                            return user_error(range(l, l + 1), "invalid syntax");
                        }
                        return user_error(range(l, l + 1), "* argument may appear only once");
                    }
                    star = Some((l, r));
                    if let Some((arg, default)) = named {
                        if let Some(d) = default {
                            return user_error(
                                self.equals_before(&d),
                                "var-positional argument cannot have default value",
                            );
                        }
                        star_has_name = true;
                        vararg = Some(self.alloc(arg));
                    } else if index + 1 == n {
                        // A lambda's rule reports it at the token after the `*`.
                        let at = if lambda {
                            self.next_char(r)
                        } else {
                            range(l, r)
                        };
                        return user_error(at, "named arguments must follow bare *");
                    }
                }
                ParamItem::DoubleStar(l, r, arg, default) => {
                    if let Some(d) = default {
                        return user_error(
                            self.equals_before(&d),
                            "var-keyword argument cannot have default value",
                        );
                    }
                    if let Some((sl, sr)) = star
                        && !star_has_name
                        && kwonlyargs.is_empty()
                    {
                        let at = if lambda {
                            range(l, l + 2)
                        } else {
                            range(sl, sr)
                        };
                        return user_error(at, "named arguments must follow bare *");
                    }
                    kwarg_range = Some((l, r));
                    kwarg = Some(self.alloc(arg));
                }
            }
        }
        Ok(self.alloc(Arguments {
            posonlyargs: self.slice(posonlyargs),
            args: self.slice(args),
            vararg,
            kwonlyargs: self.slice(kwonlyargs),
            kw_defaults: self.slice(kw_defaults),
            kwarg,
            defaults: self.slice(defaults),
        }))
    }

    pub fn lambda(
        &self,
        l: u32,
        r: u32,
        params: Vec<ParamItem<'a>>,
        body: Expr<'a>,
    ) -> PResult<Expr<'a>> {
        let args = self.arguments(params, true)?;
        Ok(Expr::Lambda(self.alloc(Lambda {
            range: range(l, r),
            args,
            body,
        })))
    }

    /// Sorts call arguments into positional ones and keywords, with CPython's order checks.
    /// `lp` is the offset of the `(`: a lone generator argument spans the call's parentheses.
    pub fn call_args(
        &self,
        lp: u32,
        r: u32,
        (items, trailing_comma): (Vec<ArgItem<'a>>, bool),
    ) -> PResult<CallArgs<'a>> {
        let mut args = Vec::new();
        let mut keywords: Vec<Keyword<'a>> = Vec::new();
        let mut seen_keyword_unpack = false;
        let sole = items.len() == 1 && !trailing_comma;
        for item in items {
            match item {
                ArgItem::Positional(e) => {
                    let starred = matches!(e, Expr::Starred(_));
                    // CPython reports these from its `invalid_arguments` rule: at the last token
                    // read (the closing parenthesis), or from the comma before a `*` argument
                    // to where the tokenizer stands.
                    let close = range(r.saturating_sub(1), r);
                    if starred {
                        if seen_keyword_unpack {
                            let text = &self.source[..e.range().start as usize];
                            let comma = text.trim_end().len().saturating_sub(1) as u32;
                            return Err(super::PError::User {
                                error: crate::error::SyntaxErr::new(
                                    range(comma, self.token_after_comma(e.range().end).unwrap_or(r)),
                                    "iterable argument unpacking follows keyword argument unpacking",
                                )
                                .current_position_end(),
                            });
                        }
                    } else if seen_keyword_unpack {
                        return user_error(
                            close,
                            "positional argument follows keyword argument unpacking",
                        );
                    } else if !keywords.is_empty() {
                        return user_error(close, "positional argument follows keyword argument");
                    }
                    args.push(e);
                }
                ArgItem::Generator(gl, gr, elt, gens) => {
                    if !sole {
                        return user_error(
                            range(gl, gr),
                            "Generator expression must be parenthesized",
                        );
                    }
                    args.push(self.generator_exp(lp, r, elt, gens));
                }
                ArgItem::Keyword(kl, kr, name, value) => {
                    if name.is_none() {
                        seen_keyword_unpack = true;
                    }
                    keywords.push(Keyword {
                        range: range(kl, kr),
                        arg: name,
                        value,
                    });
                }
            }
        }
        Ok((self.slice(args), self.slice(keywords)))
    }

    pub fn call(
        &self,
        l: u32,
        lp: u32,
        r: u32,
        func: Expr<'a>,
        items: (Vec<ArgItem<'a>>, bool),
    ) -> PResult<Expr<'a>> {
        let (args, keywords) = self.call_args(lp, r, items)?;
        Ok(Expr::Call(self.alloc(Call {
            range: range(l, r),
            func,
            args,
            keywords,
        })))
    }
}

impl<'a> Ctx<'a> {
    /// The one-character token after offset `end` (blanks skipped): where CPython reports an
    /// error at the token after one it consumed.
    pub(crate) fn next_char(&self, end: u32) -> TextRange {
        let rest = &self.source[end as usize..];
        let at = end + (rest.len() - rest.trim_start_matches([' ', '\t', '\x0c']).len()) as u32;
        TextRange::new(at, at + 1)
    }

    /// Where the first token after `end` and a following comma ends: how far CPython's
    /// tokenizer has read when its `invalid_arguments` rule gives up on a `*` argument.
    fn token_after_comma(&self, end: u32) -> Option<u32> {
        let rest = self.source.get(end as usize..)?;
        let trimmed = rest.trim_start();
        let rest = match trimmed.strip_prefix(',') {
            Some(after) => after.trim_start(),
            None => trimmed,
        };
        let start = self.source.len() - rest.len();
        let word = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        Some((start + word.max(1)) as u32)
    }

    /// The `=` token before a default value, where CPython reports a default that is not
    /// allowed.
    fn equals_before(&self, default: &Expr<'a>) -> TextRange {
        let before = self.source[..default.range().start as usize].trim_end();
        let at = before.len().saturating_sub(1) as u32;
        TextRange::new(at, at + 1)
    }

    /// Attaches a parameter's type comment (`def f(a,  # type: int`).
    pub fn param_type_comment(
        &self,
        mut item: ParamItem<'a>,
        tc: Option<(u32, u32)>,
    ) -> ParamItem<'a> {
        let Some(tc) = self.type_comment(tc) else {
            return item;
        };
        match &mut item {
            ParamItem::Plain(arg, _) | ParamItem::DoubleStar(_, _, arg, _) => {
                arg.type_comment = Some(tc)
            }
            ParamItem::Star(_, _, Some((arg, _))) => arg.type_comment = Some(tc),
            _ => {}
        }
        item
    }
}

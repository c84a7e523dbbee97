//! Block-style YAML, byte for byte what `serde_saphyr` writes with [`super::yaml_options`], for the
//! shapes the emitters serialize: structs and maps with plain keys, sequences, strings, integers,
//! booleans and nulls. A build writes thousands of values files, and serde_saphyr decides the style
//! of every scalar by testing it against each YAML type (about 3,000 instructions a scalar): this
//! writes the common scalars (names, labels, paths) directly and asks serde_saphyr only about the
//! rest, one scalar at a time. Anything else (floats, tuples, enums with data, a key that is not a
//! plain name, a list directly inside a list) makes the whole document go through serde_saphyr.
//!
//! `tests/yaml.rs` compares the two on every emitter's values and on adversarial strings.

use std::borrow::Cow;

use serde::ser::{self, Serialize};

/// The document as YAML, as `serde_saphyr::to_string_with_options(v, yaml_options())` writes it.
pub fn to_string<T: Serialize>(v: &T) -> Result<String, serde_saphyr::ser::Error> {
    match fast(v) {
        Some(text) => Ok(text),
        None => serde_saphyr::to_string_with_options(v, super::yaml_options()),
    }
}

/// The document as YAML when this writer handles its shape (a non-empty map at the top), else `None`.
pub fn fast<T: Serialize + ?Sized>(v: &T) -> Option<String> {
    let Ok(Node::Map(entries)) = v.serialize(Build) else { return None };
    if entries.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(2048);
    map(&mut out, &entries, 0, false).ok()?;
    Some(out)
}

/// A value, its scalars already written as YAML.
enum Node {
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(Cow<'static, str>, Node)>),
}

/// A shape this writer leaves to serde_saphyr.
#[derive(Debug)]
struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not written by the fast YAML writer")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

/// Whether serde_saphyr writes `s` as a plain scalar, decided conservatively: `false` only means
/// "ask serde_saphyr". A letter or `/` first (no number, date, or indicator), then letters, digits,
/// `-_./@` and `:` between two of them (`image:1.0`, never `: `), and none of the words YAML reads as
/// booleans, null or special floats. Keys are stricter (`key_of`).
fn plain(s: &str) -> bool {
    const WORDS: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf", "infinity"];
    /// Bytes a plain scalar may hold anywhere: letters, digits, `-_./@`.
    const SAFE: [bool; 256] = {
        let mut t = [false; 256];
        let mut c = 0;
        while c < 256 {
            let b = c as u8;
            t[c] = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/' | b'@');
            c += 1;
        }
        t
    };
    let b = s.as_bytes();
    let Some(&first) = b.first() else { return false };
    if !(first.is_ascii_alphabetic() || first == b'/') {
        return false;
    }
    for (i, &c) in b.iter().enumerate() {
        // `:` only inside a word (`image:1.0`), never before a space or at the end.
        let inner_colon = c == b':' && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
        if !(SAFE[c as usize] || inner_colon) {
            return false;
        }
    }
    b.len() > 8
        || !matches!(first | 0x20, b'y' | b'n' | b'o' | b't' | b'f' | b'i')
        || !WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
}

fn scalar_str(s: &str) -> Result<String, Unsupported> {
    if plain(s) {
        return Ok(s.to_owned());
    }
    // The same few values (`250m`, `256Mi`, `25%`) recur in every file: serde_saphyr is asked once
    // per thread for each.
    thread_local! {
        static ASKED: std::cell::RefCell<std::collections::HashMap<String, String>> = Default::default();
    }
    if let Some(text) = ASKED.with(|a| a.borrow().get(s).cloned()) {
        return Ok(text);
    }
    let text = serde_saphyr::to_string_with_options(&s, super::yaml_options()).map_err(|_| Unsupported)?;
    let text = text.strip_suffix('\n').unwrap_or(&text);
    // A scalar on one line; a block scalar or anything spanning lines is left to serde_saphyr.
    if text.contains('\n') || text.starts_with("---") {
        return Err(Unsupported);
    }
    ASKED.with(|a| {
        let mut a = a.borrow_mut();
        if a.len() < 4096 {
            a.insert(s.to_owned(), text.to_owned());
        }
    });
    Ok(text.to_owned())
}

fn indent(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    match SPACES.get(..n) {
        Some(s) => out.push_str(s),
        None => out.extend(std::iter::repeat_n(' ', n)),
    }
}

/// Map entries at `col`; with `inline`, the first key continues the current line (after `- `).
fn map(out: &mut String, entries: &[(Cow<'static, str>, Node)], col: usize, inline: bool) -> Result<(), Unsupported> {
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 || !inline {
            indent(out, col);
        }
        out.push_str(k);
        out.push(':');
        match v {
            Node::Scalar(s) => {
                out.push(' ');
                out.push_str(s);
                out.push('\n');
            }
            Node::Map(e) if e.is_empty() => out.push_str(" {}\n"),
            Node::Seq(items) if items.is_empty() => out.push_str(" []\n"),
            Node::Map(e) => {
                out.push('\n');
                map(out, e, col + 2, false)?;
            }
            Node::Seq(items) => {
                out.push('\n');
                seq(out, items, col + 2)?;
            }
        }
    }
    Ok(())
}

fn seq(out: &mut String, items: &[Node], col: usize) -> Result<(), Unsupported> {
    for item in items {
        indent(out, col);
        out.push_str("- ");
        match item {
            Node::Scalar(s) => {
                out.push_str(s);
                out.push('\n');
            }
            Node::Map(e) if e.is_empty() => out.push_str("{}\n"),
            Node::Seq(items) if items.is_empty() => out.push_str("[]\n"),
            Node::Map(e) => map(out, e, col + 2, true)?,
            Node::Seq(_) => return Err(Unsupported),
        }
    }
    Ok(())
}

/// Serializes into a [`Node`].
struct Build;

struct SeqBuild(Vec<Node>);
struct MapBuild {
    entries: Vec<(Cow<'static, str>, Node)>,
    key: Option<String>,
}

/// A map key: a string written plain (anything else is left to serde_saphyr).
fn key_of<T: Serialize + ?Sized>(key: &T) -> Result<String, Unsupported> {
    match key.serialize(Build)? {
        // serde_saphyr quotes keys with `:` or `@` that it writes plain as values, and writes a key
        // longer than 1,024 characters in the explicit `? key` form.
        Node::Scalar(s) if plain(&s) && !s.contains([':', '@']) && s.len() <= 1024 => Ok(s),
        _ => Err(Unsupported),
    }
}

impl ser::Serializer for Build {
    type Ok = Node;
    type Error = Unsupported;
    type SerializeSeq = SeqBuild;
    type SerializeTuple = ser::Impossible<Node, Unsupported>;
    type SerializeTupleStruct = ser::Impossible<Node, Unsupported>;
    type SerializeTupleVariant = ser::Impossible<Node, Unsupported>;
    type SerializeMap = MapBuild;
    type SerializeStruct = MapBuild;
    type SerializeStructVariant = ser::Impossible<Node, Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<Node, Unsupported> {
        Ok(Node::Scalar(if v { "true" } else { "false" }.to_owned()))
    }
    fn serialize_i8(self, v: i8) -> Result<Node, Unsupported> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<Node, Unsupported> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<Node, Unsupported> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<Node, Unsupported> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn serialize_u8(self, v: u8) -> Result<Node, Unsupported> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<Node, Unsupported> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<Node, Unsupported> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<Node, Unsupported> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn serialize_f32(self, _: f32) -> Result<Node, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<Node, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, v: char) -> Result<Node, Unsupported> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<Node, Unsupported> {
        scalar_str(v).map(Node::Scalar)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Node, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<Node, Unsupported> {
        Ok(Node::Scalar("null".to_owned()))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<Node, Unsupported> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Node, Unsupported> {
        Ok(Node::Scalar("null".to_owned()))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Node, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<Node, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> Result<Node, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Node, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuild, Unsupported> {
        Ok(SeqBuild(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuild, Unsupported> {
        Ok(MapBuild { entries: Vec::with_capacity(len.unwrap_or(16)), key: None })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<MapBuild, Unsupported> {
        Ok(MapBuild { entries: Vec::with_capacity(len), key: None })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

impl ser::SerializeSeq for SeqBuild {
    type Ok = Node;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.0.push(v.serialize(Build)?);
        Ok(())
    }
    fn end(self) -> Result<Node, Unsupported> {
        Ok(Node::Seq(self.0))
    }
}

impl ser::SerializeMap for MapBuild {
    type Ok = Node;
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        self.key = Some(key_of(key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        let key = self.key.take().ok_or(Unsupported)?;
        self.entries.push((Cow::Owned(key), v.serialize(Build)?));
        Ok(())
    }
    fn end(self) -> Result<Node, Unsupported> {
        Ok(Node::Map(self.entries))
    }
}

impl ser::SerializeStruct for MapBuild {
    type Ok = Node;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Unsupported> {
        if !plain(key) || key.contains([':', '@']) {
            return Err(Unsupported);
        }
        self.entries.push((Cow::Borrowed(key), v.serialize(Build)?));
        Ok(())
    }
    fn end(self) -> Result<Node, Unsupported> {
        Ok(Node::Map(self.entries))
    }
}

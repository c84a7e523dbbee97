//! Block-style YAML, byte for byte what `serde_saphyr` writes with [`super::yaml_options`], for the
//! shapes the emitters serialize: structs and maps with plain keys, sequences, strings, integers,
//! booleans and nulls. A build writes thousands of values files, and serde_saphyr decides the style
//! of every scalar by testing it against each YAML type (about 3,000 instructions a scalar): this
//! writes the common scalars (names, labels, paths) directly and asks serde_saphyr only about the
//! rest, one scalar at a time. Anything else (floats, tuples, enums with data, a key that is not a
//! plain name, a list directly inside a list) makes the whole document go through serde_saphyr.
//!
//! `tests/yaml.rs` compares the two on every emitter's values and on adversarial strings.

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
    let mut out = String::with_capacity(2048);
    v.serialize(Writer::top(&mut out)).ok()?;
    Some(out)
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
    // Most scalars are names and paths: one pass over the table, and a second one only for a `:`.
    if !b.iter().all(|&c| SAFE[c as usize]) {
        for (i, &c) in b.iter().enumerate() {
            // `:` only inside a word (`image:1.0`), never before a space or at the end.
            let inner_colon = c == b':' && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
            if !(SAFE[c as usize] || inner_colon) {
                return false;
            }
        }
    }
    if b.len() > 8 || !matches!(first | 0x20, b'y' | b'n' | b'o' | b't' | b'f' | b'i') {
        return true;
    }
    let mut lower = [0u8; 8];
    for (l, c) in lower.iter_mut().zip(b) {
        *l = c.to_ascii_lowercase();
    }
    // The words YAML reads as booleans, null or special floats, in any case.
    !matches!(
        &lower[..b.len()],
        b"y" | b"n" | b"yes" | b"no" | b"on" | b"off" | b"true" | b"false" | b"null" | b"nan" | b"inf" | b"infinity"
    )
}

/// Writes `s` as a scalar on the current line.
fn scalar_str(out: &mut String, s: &str) -> Result<(), Unsupported> {
    if plain(s) {
        out.push_str(s);
        return Ok(());
    }
    // The same few values (`250m`, `256Mi`, `25%`) recur in every file: serde_saphyr is asked once
    // per thread for each.
    thread_local! {
        static ASKED: std::cell::RefCell<std::collections::HashMap<String, String, foldhash::fast::FixedState>> = Default::default();
    }
    if ASKED.with(|a| a.borrow().get(s).map(|text| out.push_str(text))).is_some() {
        return Ok(());
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
    out.push_str(text);
    Ok(())
}

fn indent(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    match SPACES.get(..n) {
        Some(s) => out.push_str(s),
        None => out.extend(std::iter::repeat_n(' ', n)),
    }
}

/// Where a value is written, which decides what precedes it and how it is written when empty.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The document: a non-empty map whose keys start lines at column 0.
    Top,
    /// After `key:` on the current line.
    Value,
    /// After `- ` on the current line.
    Item,
}

/// Serializes a value straight into `out`. `col` is the column of its entries or items, `count` how
/// many a map or sequence has written so far: when the first arrives, what precedes it is written (a
/// line break after `key:`, nothing after `- `), and one that ends with none is written `{}` / `[]`.
struct Writer<'o> {
    out: &'o mut String,
    col: usize,
    place: Place,
    count: usize,
}

impl<'o> Writer<'o> {
    fn top(out: &'o mut String) -> Self {
        Writer { out, col: 0, place: Place::Top, count: 0 }
    }

    /// The writer of a child at `place`: its own children one level deeper.
    fn child(&mut self, place: Place) -> Writer<'_> {
        Writer { out: &mut *self.out, col: self.col + 2, place, count: 0 }
    }

    /// A scalar: after `key: ` or `- `, ending the line.
    fn scalar(self, write: impl FnOnce(&mut String) -> Result<(), Unsupported>) -> Result<(), Unsupported> {
        match self.place {
            Place::Top => return Err(Unsupported),
            Place::Value => self.out.push(' '),
            Place::Item => {}
        }
        write(self.out)?;
        self.out.push('\n');
        Ok(())
    }

    /// Starts the next map entry: the line break and indentation before its key (none before the
    /// first entry of a map in a list, which continues the `- ` line).
    fn entry(&mut self, key: &str) {
        if self.count == 0 && self.place == Place::Value {
            self.out.push('\n');
        }
        if self.count > 0 || self.place != Place::Item {
            indent(self.out, self.col);
        }
        self.count += 1;
        self.out.push_str(key);
        self.out.push(':');
    }

    /// Ends a map or (`empty` being `[]`) a sequence.
    fn end(self, empty: &str) -> Result<(), Unsupported> {
        if self.count == 0 {
            match self.place {
                Place::Top => return Err(Unsupported),
                Place::Value => {
                    self.out.push(' ');
                    self.out.push_str(empty);
                }
                Place::Item => self.out.push_str(empty),
            }
            self.out.push('\n');
        }
        Ok(())
    }
}

/// `v` in decimal, without going through `fmt`.
fn decimal(out: &mut String, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&d| char::from(d)));
}

/// Whether serde_saphyr writes `key` plain as a map key: a plain scalar without `:` or `@` (which it
/// quotes in keys, though not in values), no longer than 1,024 characters (else the `? key` form).
fn plain_key(key: &str) -> bool {
    plain(key) && !key.contains([':', '@']) && key.len() <= 1024
}

/// The serializer methods for enums, newtypes and tuples, which this writer leaves to serde_saphyr.
macro_rules! reject_enums_and_tuples {
    () => {
        fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
            Err(Unsupported)
        }
        fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Unsupported> {
            Err(Unsupported)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> Result<(), Unsupported> {
            Err(Unsupported)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), Unsupported> {
            Err(Unsupported)
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
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Unsupported> {
            Err(Unsupported)
        }
    };
}

/// Serializer methods for scalars this writer leaves to serde_saphyr, each failing with [`Unsupported`].
macro_rules! reject_scalars {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(fn $method(self, _: $ty) -> Result<(), Unsupported> {
            Err(Unsupported)
        })*
    };
}

impl ser::Serializer for Writer<'_> {
    reject_enums_and_tuples!();
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Self;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.scalar(|out| {
            out.push_str(if v { "true" } else { "false" });
            Ok(())
        })
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.scalar(|out| {
            if v < 0 {
                out.push('-');
            }
            decimal(out, v.unsigned_abs());
            Ok(())
        })
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.scalar(|out| {
            decimal(out, v);
            Ok(())
        })
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.scalar(|out| scalar_str(out, v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.scalar(|out| {
            out.push_str("null");
            Ok(())
        })
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.serialize_none()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Unsupported> {
        // A list is not a document; a list directly inside a list is left to serde_saphyr.
        match self.place {
            Place::Top => Err(Unsupported),
            _ => Ok(self),
        }
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Unsupported> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Unsupported> {
        Ok(self)
    }
}

impl ser::SerializeSeq for Writer<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        match (self.place, self.count) {
            (Place::Item, _) => return Err(Unsupported),
            (Place::Value, 0) => self.out.push('\n'),
            _ => {}
        }
        self.count += 1;
        indent(self.out, self.col);
        self.out.push_str("- ");
        v.serialize(self.child(Place::Item))
    }
    fn end(self) -> Result<(), Unsupported> {
        Writer::end(self, "[]")
    }
}

impl ser::SerializeMap for Writer<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        key.serialize(Key(self))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        v.serialize(self.child(Place::Value))
    }
    fn end(self) -> Result<(), Unsupported> {
        Writer::end(self, "{}")
    }
}

impl ser::SerializeStruct for Writer<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Unsupported> {
        if !plain_key(key) {
            return Err(Unsupported);
        }
        self.entry(key);
        v.serialize(self.child(Place::Value))
    }
    fn end(self) -> Result<(), Unsupported> {
        Writer::end(self, "{}")
    }
}

/// Writes a map's key: a string written plain (anything else is left to serde_saphyr).
struct Key<'w, 'o>(&'w mut Writer<'o>);

impl ser::Serializer for Key<'_, '_> {
    reject_enums_and_tuples!();
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<(), Unsupported>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = ser::Impossible<(), Unsupported>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        if !plain_key(v) {
            return Err(Unsupported);
        }
        self.0.entry(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Unsupported> {
        v.serialize(self)
    }
    // Booleans, numbers and null are never plain keys: serde_saphyr quotes or tags them.
    reject_scalars! {
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_f32: f32,
        serialize_f64: f64
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }
}

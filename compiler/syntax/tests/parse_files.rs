//! `parse_files` (large files in pieces, on several threads) gives exactly what `parse_file` gives
//! for each file alone: the same tree, the same spans, the same diagnostics, on valid files, broken
//! files, and files whose piece boundaries fall where a naive split would go wrong.

use stackc_syntax::{parse_file, parse_files, FileId, SourceFile, SourceMap};

/// A valid file of `n` services, about 190 bytes each.
fn services(n: usize) -> String {
    let mut s = String::from("# generated\nstack \"big\" {\n  region = \"us-east-1\"\n}\n\n");
    for i in 0..n {
        s.push_str(&format!(
            "service \"svc-{i}\" {{\n  image = \"ghcr.io/acme/svc-{i}:1.0.0\"\n  port  = {}\n  env = {{\n    URL = database.db-{}.url\n  }}\n}}\n\n",
            1024 + i % 1000,
            i % 10
        ));
    }
    s
}

fn ids(n: usize) -> Vec<FileId> {
    let mut map = SourceMap::new();
    (0..n).map(|i| map.add(SourceFile::new(format!("f{i}.stack.hcl"), String::new()))).collect()
}

fn assert_same(texts: &[String]) {
    let ids = ids(texts.len());
    let files: Vec<(FileId, &str)> = ids.iter().copied().zip(texts.iter().map(String::as_str)).collect();
    for threads in [1, 2, 4] {
        let many = parse_files(&files, threads);
        assert_eq!(many.len(), files.len());
        for ((file, text), got) in files.iter().zip(&many) {
            let want = parse_file(*file, text);
            assert_eq!(format!("{:?}", got.0), format!("{:?}", want.0), "tree differs ({threads} threads)");
            assert_eq!(format!("{:?}", got.1), format!("{:?}", want.1), "diagnostics differ ({threads} threads)");
        }
    }
}

#[test]
fn a_large_valid_file_in_pieces_is_the_file() {
    let big = services(2_000); // ~380 KiB: several pieces
    assert!(big.len() > 200 * 1024, "{}", big.len());
    assert_same(&[big, services(3), String::new()]);
}

#[test]
fn a_syntax_error_in_one_piece_gives_the_whole_file_recovery() {
    let mut big = services(2_000);
    let at = big.find("service \"svc-1000\"").unwrap();
    big.insert_str(at, "service \"broken\" {\n  image = \"unclosed\n}\n\n");
    let (_, diags) = parse_file(FileId(0), &big);
    assert!(!diags.is_empty(), "the broken block must be reported");
    assert_same(&[big]);
}

#[test]
fn first_column_identifiers_inside_blocks_and_brackets_do_not_split_wrongly() {
    // Unindented attributes inside a block and list items at column 0 look like piece boundaries.
    let mut big = services(1_000);
    let at = big.find("service \"svc-500\"").unwrap();
    big.insert_str(at, "service \"flat\" {\nimage = \"x:1\"\nport = 80\nargs = [\nfoo,\nbar\n]\n}\n\n");
    let at = big.find("service \"svc-900\"").unwrap();
    big.insert_str(at, "locals {\nx = <<EOT\nservice \"not-a-block\" {\nEOT\n}\n\n");
    assert_same(&[big]);
}

#[test]
fn a_top_level_attribute_repeated_across_pieces_is_parsed_as_the_whole_file_is() {
    // hcl-edit rejects the repeated `a` in one body, so the whole file goes into chunk recovery, where
    // the unindented `locals` block is broken: the pieces must not parse it any better.
    let mut big = String::from("a = 1\n");
    big.push_str(&services(600));
    big.push_str("locals {\nx = 1\n}\n\n");
    big.push_str(&services(600));
    big.push_str("a = 2\n");
    let (_, diags) = parse_file(FileId(0), &big);
    assert!(!diags.is_empty(), "the whole-file parse reports the broken chunks");
    assert_same(&[big]);
}

#[test]
fn top_level_attributes_in_different_pieces_keep_their_order() {
    let mut big = String::from("region = \"us-east-1\"\n");
    big.push_str(&services(2_000));
    big.push_str("region = \"eu-west-1\"\nother = 1\n");
    assert_same(&[big]);
}

#[test]
fn heredocs_and_block_comments_longer_than_a_piece_are_read_as_the_whole_file_is() {
    // Their lines start with identifiers in the first column, so piece boundaries fall inside them.
    let inner: String = (0..3_000).map(|i| format!("service \"text-{i}\" {{\n")).collect();
    let mut big = services(500);
    big.push_str(&format!("locals {{\n  doc = <<EOT\n{inner}EOT\n}}\n\n"));
    big.push_str(&services(500));
    big.push_str(&format!("/*\n{inner}*/\n"));
    big.push_str(&services(500));
    let (file, diags) = parse_file(FileId(0), &big);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(file.body.blocks.len(), 3 * (1 + 500) + 1, "three stacks of 500 services, and the locals");
    assert_same(&[big]);
}

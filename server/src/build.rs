//! What this build of the site is, worked out once at start-up: the hashed
//! names of its files, the files the service worker precaches, the service
//! worker itself, and the string table of each language.

use app::api::context::Assets;
use app::i18n::{self, Lang, Part};
use sha2::{Digest, Sha256};
use std::path::Path;

pub struct Build {
    /// `(kind, hash)` of the main files (`wasm`, `js`, `css`) from
    /// cargo-leptos' `hash.txt`; `None` for an unhashed build.
    hashes: Option<Vec<(String, String)>>,
    /// The lazily loaded parts of the app (split wasm and its loader), as
    /// paths under `/pkg`.
    chunks: Vec<String>,
    /// `sw.js` with this build's id and files filled in; `None` when the
    /// site is not built.
    pub service_worker: Option<String>,
    /// `(file name, JSON)` of each language's strings.
    tables: Vec<(String, String)>,
    split_manifest: Option<leptos::WasmSplitManifest>,
}

impl Build {
    pub fn load(site_root: &str) -> Build {
        let site = Path::new(site_root);
        let hashes = read_hashes();
        let chunks = split_chunks(&site.join("pkg"), hashes.as_deref());
        let split_manifest = split_manifest(&site.join("pkg"), hashes.as_deref());
        let tables = Lang::ALL
            .iter()
            .flat_map(|lang| Part::ALL.map(|part| (*lang, part)))
            .map(|(lang, part)| {
                let url = i18n::table_url(lang, part);
                let file = url.rsplit('/').next().unwrap_or_default().to_string();
                (file, i18n::table_json(lang, part))
            })
            .collect();
        let mut build = Build {
            hashes,
            chunks,
            service_worker: None,
            tables,
            split_manifest,
        };
        build.service_worker = build.service_worker_script(site);
        build
    }

    /// What every page names: the stylesheet, the app's script and wasm,
    /// and the split manifest (for preloading the parts a page uses).
    pub fn assets(&self) -> Assets {
        Assets {
            stylesheet: self.file("css"),
            script: self.file("js"),
            wasm: self.file("wasm"),
            split: self.split_manifest.clone(),
        }
    }

    /// The files have hashed names (a new build has new names).
    pub fn hashed(&self) -> bool {
        self.hashes.is_some()
    }

    /// The path of one of the main files: `wasm`, `js` or `css`.
    pub fn file(&self, kind: &str) -> String {
        let hash = self
            .hashes
            .as_deref()
            .and_then(|h| h.iter().find(|(k, _)| k == kind))
            .map(|(_, h)| format!(".{h}"));
        format!("/pkg/parent-bridge{}.{kind}", hash.unwrap_or_default())
    }

    /// Everything the service worker keeps for offline use: the main files,
    /// every lazily loaded chunk, the string tables, the manifest and icons.
    pub fn precache(&self) -> Vec<String> {
        let mut files = vec![
            self.file("js"),
            self.file("wasm"),
            self.file("css"),
            app::boot::office_stylesheet::url().to_string(),
            app::offline::vault::script::url().to_string(),
        ];
        files.extend(self.chunks.iter().cloned());
        files.extend(
            Lang::ALL
                .iter()
                .flat_map(|lang| Part::ALL.map(|part| i18n::table_url(*lang, part))),
        );
        files.extend(
            [
                "/manifest.webmanifest",
                "/icons/icon-192.png",
                "/icons/icon-512.png",
                "/icons/icon-maskable-512.png",
            ]
            .map(String::from),
        );
        files
    }

    pub fn string_table(&self, file: &str) -> Option<&String> {
        self.tables.iter().find(|(f, _)| f == file).map(|(_, j)| j)
    }

    /// `sw.js` with this build's id and files filled in. The id is a hash of
    /// the worker and the build's file names, so each build gets a cache of
    /// its own.
    fn service_worker_script(&self, site: &Path) -> Option<String> {
        let script = std::fs::read_to_string(site.join("sw.js")).ok()?;
        let files = self.precache();
        let mut hasher = Sha256::new();
        hasher.update(script.as_bytes());
        for file in &files {
            hasher.update(file.as_bytes());
        }
        if self.hashes.is_none() {
            // Unhashed names say nothing about the content: use the start time.
            hasher.update(chrono::Utc::now().to_rfc3339().as_bytes());
        }
        let build = hex::encode(&hasher.finalize()[..8]);
        let list = serde_json::to_string(&files).unwrap_or_else(|_| "[]".to_string());
        Some(
            script
                .replace("__BUILD_ID__", &build)
                .replace("[\"__PRECACHE_FILES__\"]", &list),
        )
    }
}

/// The build's files have hashed names (cargo-leptos wrote `hash.txt` next
/// to the binary).
pub fn is_hashed() -> bool {
    read_hashes().is_some()
}

/// The hashed names cargo-leptos gave this build's files (`hash.txt`, next
/// to the binary), or `None` for an unhashed build.
fn read_hashes() -> Option<Vec<(String, String)>> {
    let exe = std::env::current_exe().ok()?;
    let text = std::fs::read_to_string(exe.parent()?.join("hash.txt")).ok()?;
    Some(
        text.lines()
            .filter_map(|line| line.split_once(':'))
            .map(|(kind, hash)| (kind.trim().to_string(), hash.trim().to_string()))
            .collect(),
    )
}

/// The split manifest as leptos uses it to preload, on a page rendered on
/// the server, the parts of the app the page needs.
fn split_manifest(
    pkg: &Path,
    hashes: Option<&[(String, String)]>,
) -> Option<leptos::WasmSplitManifest> {
    let hash = |kind: &str| {
        hashes
            .and_then(|h| h.iter().find(|(k, _)| k == kind))
            .map(|(_, h)| h.clone())
    };
    let (loader, manifest) = (hash("split")?, hash("manifest")?);
    let text =
        std::fs::read_to_string(pkg.join(format!("__wasm_split_manifest.{manifest}.json"))).ok()?;
    let modules: std::collections::HashMap<String, Vec<String>> =
        serde_json::from_str(&text).ok()?;
    Some(leptos::WasmSplitManifest(
        leptos::prelude::ArcStoredValue::new((
            "/pkg".to_string(),
            modules,
            format!("__wasm_split.{loader}.js"),
        )),
    ))
}

/// The lazily loaded parts of a split build, as `/pkg/...` paths: the
/// loader (`__wasm_split.<hash>.js`) and every wasm module the split
/// manifest names. Exactly this build's files: older builds' files may still
/// lie in the folder.
fn split_chunks(pkg: &Path, hashes: Option<&[(String, String)]>) -> Vec<String> {
    let hash = |kind: &str| {
        hashes
            .and_then(|h| h.iter().find(|(k, _)| k == kind))
            .map(|(_, h)| h.clone())
    };
    let (Some(loader), Some(manifest)) = (hash("split"), hash("manifest")) else {
        return Vec::new();
    };
    let manifest_file = pkg.join(format!("__wasm_split_manifest.{manifest}.json"));
    let Some(modules) = std::fs::read_to_string(&manifest_file)
        .ok()
        .and_then(|text| {
            serde_json::from_str::<std::collections::BTreeMap<String, Vec<String>>>(&text).ok()
        })
    else {
        tracing::warn!(file = %manifest_file.display(), "the split manifest could not be read");
        return Vec::new();
    };
    let mut chunks: Vec<String> = modules
        .into_values()
        .flatten()
        .map(|module| format!("/pkg/{module}.wasm"))
        .collect();
    chunks.sort();
    chunks.dedup();
    chunks.insert(0, format!("/pkg/__wasm_split.{loader}.js"));
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chunks_are_the_ones_the_split_manifest_names() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(
            folder.path().join("__wasm_split_manifest.M1.json"),
            r#"{"a":["chunk_1.X","split_a.Y"],"b":["chunk_1.X","split_b.Z"]}"#,
        )
        .unwrap();
        let hashes = vec![
            ("split".to_string(), "S1".to_string()),
            ("manifest".to_string(), "M1".to_string()),
        ];

        let chunks = split_chunks(folder.path(), Some(&hashes));

        assert_eq!(
            chunks,
            vec![
                "/pkg/__wasm_split.S1.js",
                "/pkg/chunk_1.X.wasm",
                "/pkg/split_a.Y.wasm",
                "/pkg/split_b.Z.wasm"
            ]
        );
    }

    #[test]
    fn an_unsplit_build_has_no_chunks() {
        let folder = tempfile::tempdir().unwrap();
        assert!(split_chunks(folder.path(), None).is_empty());
    }
}

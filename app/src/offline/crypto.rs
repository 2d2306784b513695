//! The calls into `public/vault.js` (loaded by the page's start script as
//! `window.__pbVault`): the cryptography of what the phone keeps. The
//! store seals and unseals values through it; the vault's flows (open,
//! lock, the PIN) are built of it in `vault`.

use crate::model::UserId;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Calls `vault.js`'s `name` with `args` and waits for its answer.
pub(crate) async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let window: JsValue = web_sys::window().ok_or(JsValue::NULL)?.into();
    let module = js_sys::Reflect::get(&window, &"__pbVault".into())?;
    let module = JsFuture::from(js_sys::Promise::resolve(&module)).await?;
    let function: js_sys::Function = js_sys::Reflect::get(&module, &name.into())?.dyn_into()?;
    let args: js_sys::Array = args.iter().collect();
    let result = function.apply(&JsValue::NULL, &args)?;
    JsFuture::from(js_sys::Promise::resolve(&result)).await
}

pub(crate) fn user_arg(user: UserId) -> JsValue {
    user.to_string().into()
}

/// Encrypts one value of `user`'s (for the store's writes).
pub async fn seal(user: UserId, text: String) -> Option<String> {
    call("seal", &[user_arg(user), text.into()])
        .await
        .ok()?
        .as_string()
}

/// Decrypts one value of `user`'s (another tab wrote it).
pub async fn unseal(user: UserId, text: String) -> Option<String> {
    call("unseal", &[user_arg(user), text.into()])
        .await
        .ok()?
        .as_string()
}

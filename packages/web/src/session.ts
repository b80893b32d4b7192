/**
 * The API key of the signed-in session. It lives in `sessionStorage` only: gone when the tab
 * closes, never written to localStorage, a cookie or the address.
 */
const slot = "creditpool.key";

export function storedKey(): string | null {
  try {
    return window.sessionStorage.getItem(slot);
  } catch {
    return null;
  }
}

export function storeKey(key: string): void {
  window.sessionStorage.setItem(slot, key);
}

export function forgetKey(): void {
  window.sessionStorage.removeItem(slot);
}

// Values several tests share, defined once.

/** A 32-character base32 setup key, as Auth0 issues them. */
export const SECRET = 'HJ6XM2DNERXDAVCUONGWKRTCMNTU6VDF';

/** An `otpauth://totp/` URI for `SECRET`, shaped like Auth0's `barcode_uri`. */
export const OTPAUTH_URI = `otpauth://totp/T:u%40example.com?secret=${SECRET}&issuer=T&algorithm=SHA1&digits=6&period=30`;

/**
 * Server text that would run script or add elements if it were ever rendered
 * as HTML: every place that shows server text must show it as these characters.
 */
export const HOSTILE_HTML = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script><b onclick=alert(1)>x</b>`;

/** Whether any hostile text ever ran. */
export const pwned = (): boolean => (window as { __pwned?: number }).__pwned !== undefined;

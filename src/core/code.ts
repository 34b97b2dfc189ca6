/**
 * Digits of a code: Auth0's sent codes (text message, voice call, email) and an authenticator
 * app's, unless the app's QR says otherwise (`digits` in its otpauth URI).
 */
export const CODE_LENGTH = 6;

/**
 * Normalises what a user typed, pasted or had autofilled into the code field:
 * keeps decimal digits of any script (full-width, Arabic-Indic, …) as ASCII,
 * drops everything else (spaces, dashes, "Your code is"), and keeps at most
 * `length` digits.
 */
export function normalizeCode(input: string, length: number): string {
  let digits = '';
  for (const char of input) {
    if (digits.length >= length) break;
    const value = digitValue(char);
    if (value !== undefined) digits += value;
  }
  return digits;
}

const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * Unicode lays out every decimal digit set as ten consecutive code points,
 * zero first, and adjacent sets (the mathematical digits) start on multiples
 * of ten from the first: walking back to the start of the run gives the value.
 */
function digitValue(char: string): number | undefined {
  const code = char.codePointAt(0)!;
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (!DECIMAL_DIGIT.test(char)) return undefined;
  let start = code;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (code - start) % 10;
}

/** Division codes are short slugs, e.g. `international-cooperation`. */
export const DIVISION_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const DIVISION_MESSAGE = 'division must be a lower-case code of letters, digits and dashes (up to 64)';
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;
export const REQUEST_ID_MESSAGE = 'requestId must be 8-128 letters, digits or . _ : -';

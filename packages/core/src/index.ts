export const LAYOUT_VERSION = 1;

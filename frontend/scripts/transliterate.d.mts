export function toCyrillic(text: string): string;

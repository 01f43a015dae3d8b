import anyAscii from 'any-ascii';

// Han ideographs are one syllable each; any-ascii runs them together ("XiJinPing"), which hides the
// syllable boundaries that romanised spellings of the same name keep ("Xi Jinping").
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/u;
const NON_ASCII = /[^\u0000-\u007f]/u;

/**
 * Transliterates any script to Latin letters (Cyrillic, Arabic, Greek, Han...) through any-ascii, so names
 * listed in one script match names typed in another. Latin text with diacritics is folded to plain ASCII.
 */
export function transliterateToLatin(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  let out = '';
  for (const char of text.normalize('NFC')) {
    out += HAN.test(char) ? ` ${anyAscii(char)} ` : anyAscii(char);
  }
  return out;
}

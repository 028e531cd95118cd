import type { Bilingual } from '../../../../libs/domain';

/**
 * Names of the countries Mongolian customs has (or may have) bilateral instruments with, in the short forms the
 * division uses. A code not listed here is shown as itself.
 */
const COUNTRIES: Record<string, Bilingual> = {
  RU: { en: 'Russian Federation', mn: 'ОХУ' },
  CN: { en: 'China', mn: 'БНХАУ' },
  HU: { en: 'Hungary', mn: 'Унгар' },
  KR: { en: 'Republic of Korea', mn: 'БНСУ' },
  US: { en: 'United States', mn: 'АНУ' },
  GB: { en: 'United Kingdom', mn: 'Их Британи' },
  KZ: { en: 'Kazakhstan', mn: 'Казахстан' },
  BG: { en: 'Bulgaria', mn: 'Болгар' },
  CZ: { en: 'Czechia', mn: 'Чех' },
  TR: { en: 'Türkiye', mn: 'Турк' },
  UA: { en: 'Ukraine', mn: 'Украин' },
  KG: { en: 'Kyrgyzstan', mn: 'Киргиз' },
  IN: { en: 'India', mn: 'Энэтхэг' },
  VN: { en: 'Viet Nam', mn: 'Вьетнам' },
  NP: { en: 'Nepal', mn: 'Балба' },
  JP: { en: 'Japan', mn: 'Япон' },
  DE: { en: 'Germany', mn: 'Герман' },
  FR: { en: 'France', mn: 'Франц' },
  BY: { en: 'Belarus', mn: 'Беларусь' },
  PL: { en: 'Poland', mn: 'Польш' },
  UZ: { en: 'Uzbekistan', mn: 'Узбекистан' },
  AZ: { en: 'Azerbaijan', mn: 'Азербайжан' },
  TH: { en: 'Thailand', mn: 'Тайланд' },
  SG: { en: 'Singapore', mn: 'Сингапур' },
  AU: { en: 'Australia', mn: 'Австрали' },
  CA: { en: 'Canada', mn: 'Канад' },
  AT: { en: 'Austria', mn: 'Австри' },
};

export function countryName(code: string): Bilingual {
  return COUNTRIES[code.toUpperCase()] ?? { en: code, mn: code };
}

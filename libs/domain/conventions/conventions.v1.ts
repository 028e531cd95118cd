import type { Bilingual } from '../process/process-definition';
import type { ConventionAnnex, ConventionCatalogue, ConventionDefinition } from './convention-definition';

/**
 * Version 1 of the convention catalogue. Entry-into-force rules are those for a party joining a convention that is
 * already in force. The depositary's notification of the date stays authoritative; these rules forecast it.
 */
const WCO_SECRETARY_GENERAL: Bilingual = {
  en: 'Secretary General of the World Customs Organization (Customs Co-operation Council)',
  mn: 'Дэлхийн гаалийн байгууллагын (Гаалийн хамтын ажиллагааны зөвлөл) Ерөнхий нарийн бичгийн дарга',
};

function annex(code: string, en: string, mn: string, mandatory = false): ConventionAnnex {
  return { code, title: { en, mn }, mandatory };
}

export const REVISED_KYOTO_CONVENTION: ConventionDefinition = {
  code: 'RKC',
  name: {
    en: 'International Convention on the Simplification and Harmonization of Customs Procedures (as amended): Revised Kyoto Convention',
    mn: 'Гаалийн журмыг хялбарчлах, уялдуулах тухай олон улсын конвенц (нэмэлт, өөрчлөлт орсноор): Шинэчилсэн Киотогийн конвенц',
  },
  shortName: { en: 'Revised Kyoto Convention', mn: 'Шинэчилсэн Киотогийн конвенц' },
  depositary: WCO_SECRETARY_GENERAL,
  annexes: [
    annex('GENERAL', 'General Annex', 'Ерөнхий хавсралт', true),
    annex('A', 'Specific Annex A: Arrival of goods in a Customs territory', 'Тусгай хавсралт A: Барааг гаалийн нутаг дэвсгэрт ирүүлэх', false),
    annex('B', 'Specific Annex B: Importation', 'Тусгай хавсралт B: Импорт'),
    annex('C', 'Specific Annex C: Exportation', 'Тусгай хавсралт C: Экспорт'),
    annex('D', 'Specific Annex D: Customs warehouses and free zones', 'Тусгай хавсралт D: Гаалийн баталгаат агуулах, чөлөөт бүс'),
    annex('E', 'Specific Annex E: Transit', 'Тусгай хавсралт E: Дамжин өнгөрөх тээвэр'),
    annex('F', 'Specific Annex F: Processing', 'Тусгай хавсралт F: Боловсруулалт'),
    annex('G', 'Specific Annex G: Temporary admission', 'Тусгай хавсралт G: Түр хугацаагаар оруулах'),
    annex('H', 'Specific Annex H: Offences', 'Тусгай хавсралт H: Гаалийн зөрчил'),
    annex('J', 'Specific Annex J: Special procedures', 'Тусгай хавсралт J: Тусгай журам'),
    annex('K', 'Specific Annex K: Origin', 'Тусгай хавсралт K: Гарал үүсэл'),
  ],
  minimumOptionalAnnexes: 0,
  reservations: {
    allowed: true,
    scope: {
      en: 'No reservations to the General Annex; reservations only to Recommended Practices of the Specific Annexes or Chapters accepted.',
      mn: 'Ерөнхий хавсралтад тайлбар хийхгүй; зөвхөн хүлээн зөвшөөрсөн Тусгай хавсралт, бүлгийн Зөвлөмж болгох практикт тайлбар хийж болно.',
    },
  },
  entryIntoForce: { type: 'months_after_deposit', months: 3 },
  notes: {
    en: 'A Specific Annex or Chapter accepted later also takes effect three months after its notification.',
    mn: 'Дараа нь хүлээн зөвшөөрсөн Тусгай хавсралт, бүлэг нь мэдэгдсэнээс хойш гурван сарын дараа хүчин төгөлдөр болно.',
  },
};

export const ISTANBUL_CONVENTION: ConventionDefinition = {
  code: 'ISTANBUL',
  name: { en: 'Convention on Temporary Admission (Istanbul Convention)', mn: 'Түр хугацаагаар оруулах тухай конвенц (Истанбулын конвенц)' },
  shortName: { en: 'Istanbul Convention', mn: 'Истанбулын конвенц' },
  depositary: WCO_SECRETARY_GENERAL,
  annexes: [
    annex('A', 'Annex A: Temporary admission papers (ATA and CPD carnets)', 'A хавсралт: Түр хугацаагаар оруулах баримт бичиг (ATA, CPD карнет)', true),
    annex('B.1', 'Annex B.1: Goods for display or use at exhibitions, fairs, meetings or similar events', 'B.1 хавсралт: Үзэсгэлэн, яармаг, хурал зэрэг арга хэмжээнд үзүүлэх, ашиглах бараа'),
    annex('B.2', 'Annex B.2: Professional equipment', 'B.2 хавсралт: Мэргэжлийн тоног төхөөрөмж'),
    annex('B.3', 'Annex B.3: Containers, pallets, packings, samples and other goods imported in connection with a commercial operation', 'B.3 хавсралт: Арилжааны үйл ажиллагаатай холбоотой чингэлэг, тавиур, сав баглаа боодол, дээж болон бусад бараа'),
    annex('B.4', 'Annex B.4: Goods imported in connection with a manufacturing operation', 'B.4 хавсралт: Үйлдвэрлэлийн үйл ажиллагаатай холбоотой оруулсан бараа'),
    annex('B.5', 'Annex B.5: Goods imported for educational, scientific or cultural purposes', 'B.5 хавсралт: Боловсрол, шинжлэх ухаан, соёлын зориулалтаар оруулсан бараа'),
    annex('B.6', "Annex B.6: Travellers' personal effects and goods imported for sports purposes", 'B.6 хавсралт: Зорчигчийн хувийн хэрэгцээний эд зүйл, спортын зориулалтаар оруулсан бараа'),
    annex('B.7', 'Annex B.7: Tourist publicity material', 'B.7 хавсралт: Аялал жуулчлалын сурталчилгааны материал'),
    annex('B.8', 'Annex B.8: Goods imported in frontier traffic', 'B.8 хавсралт: Хил орчмын худалдаагаар оруулсан бараа'),
    annex('B.9', 'Annex B.9: Goods imported for humanitarian purposes', 'B.9 хавсралт: Хүмүүнлэгийн зориулалтаар оруулсан бараа'),
    annex('C', 'Annex C: Means of transport', 'C хавсралт: Тээврийн хэрэгсэл'),
    annex('D', 'Annex D: Animals', 'D хавсралт: Амьтан'),
    annex('E', 'Annex E: Goods imported with partial relief from import duties and taxes', 'E хавсралт: Импортын татвараас хэсэгчлэн чөлөөлж оруулсан бараа'),
  ],
  minimumOptionalAnnexes: 1,
  reservations: {
    allowed: true,
    scope: {
      en: 'Only to the provisions that each Annex states may be reserved.',
      mn: 'Зөвхөн хавсралт тус бүрт тайлбар хийж болохоор заасан заалтад.',
    },
  },
  entryIntoForce: { type: 'months_after_deposit', months: 3 },
};

export const ATA_CONVENTION: ConventionDefinition = {
  code: 'ATA',
  name: {
    en: 'Customs Convention on the A.T.A. Carnet for the Temporary Admission of Goods (ATA Convention)',
    mn: 'Барааг түр хугацаагаар оруулах А.Т.А. карнетын тухай гаалийн конвенц (АТА конвенц)',
  },
  shortName: { en: 'ATA Convention', mn: 'АТА конвенц' },
  depositary: WCO_SECRETARY_GENERAL,
  annexes: [],
  minimumOptionalAnnexes: 0,
  reservations: {
    allowed: true,
    scope: {
      en: 'Only a declaration not to accept ATA carnets for postal traffic; no other reservation is permitted.',
      mn: 'Зөвхөн шуудангийн илгээмжид ATA карнет хүлээн авахгүй гэж мэдэгдэж болно; өөр тайлбар хийхийг зөвшөөрөхгүй.',
    },
  },
  entryIntoForce: { type: 'months_after_deposit', months: 3 },
};

export const HS_CONVENTION: ConventionDefinition = {
  code: 'HS',
  name: {
    en: 'International Convention on the Harmonized Commodity Description and Coding System (HS Convention)',
    mn: 'Барааны тодорхойлолт, кодлолын уялдсан системийн тухай олон улсын конвенц (УС-ын конвенц)',
  },
  shortName: { en: 'HS Convention', mn: 'Уялдсан системийн конвенц' },
  depositary: WCO_SECRETARY_GENERAL,
  annexes: [annex('NOMENCLATURE', 'Annex: the Harmonized System nomenclature', 'Хавсралт: Уялдсан системийн нэршил', true)],
  minimumOptionalAnnexes: 0,
  reservations: { allowed: false, scope: { en: 'No reservations are permitted.', mn: 'Тайлбар хийхийг зөвшөөрөхгүй.' } },
  entryIntoForce: { type: 'first_january_within_window', minMonths: 12, maxMonths: 24 },
  notes: {
    en: 'The acceding party may specify an earlier 1 January in its instrument; pass it as the requested date.',
    mn: 'Нэгдэн орох тал баримт бичигтээ илүү эрт 1 дүгээр сарын 1-ийг заан хүсч болно; түүнийг хүссэн огноогоор дамжуулна.',
  },
};

export const CONVENTIONS_V1: ConventionCatalogue = {
  version: 'conventions-v1',
  conventions: [REVISED_KYOTO_CONVENTION, ISTANBUL_CONVENTION, ATA_CONVENTION, HS_CONVENTION],
};

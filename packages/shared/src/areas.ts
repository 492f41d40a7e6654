/**
 * Jing'an District's 13 streets (街道) and 1 town (镇). Codes are our own stable slugs (only
 * 北站街道's statistical code 310106016 is confirmed; see domain/README.md), kept in `statCode`
 * where known.
 */
export interface StreetDef {
  code: string;
  name: string;
  nameEn: string;
  kind: 'street' | 'town';
  statCode?: string;
}

export const JINGAN_STREETS: readonly StreetDef[] = [
  { code: 'jingansi', name: '静安寺街道', nameEn: "Jing'ansi Subdistrict", kind: 'street' },
  { code: 'caojiadu', name: '曹家渡街道', nameEn: 'Caojiadu Subdistrict', kind: 'street' },
  { code: 'jiangninglu', name: '江宁路街道', nameEn: 'Jiangning Road Subdistrict', kind: 'street' },
  { code: 'shimenerlu', name: '石门二路街道', nameEn: 'Shimen 2nd Road Subdistrict', kind: 'street' },
  { code: 'nanjingxilu', name: '南京西路街道', nameEn: 'West Nanjing Road Subdistrict', kind: 'street' },
  { code: 'tianmuxilu', name: '天目西路街道', nameEn: 'West Tianmu Road Subdistrict', kind: 'street' },
  { code: 'beizhan', name: '北站街道', nameEn: 'Beizhan Subdistrict', kind: 'street', statCode: '310106016' },
  { code: 'baoshanlu', name: '宝山路街道', nameEn: 'Baoshan Road Subdistrict', kind: 'street' },
  { code: 'zhijiangxilu', name: '芷江西路街道', nameEn: 'West Zhijiang Road Subdistrict', kind: 'street' },
  { code: 'gonghexinlu', name: '共和新路街道', nameEn: 'Gonghe Xinlu Subdistrict', kind: 'street' },
  { code: 'daninglu', name: '大宁路街道', nameEn: 'Daning Road Subdistrict', kind: 'street' },
  { code: 'pengpuxincun', name: '彭浦新村街道', nameEn: 'Pengpu Xincun Subdistrict', kind: 'street' },
  { code: 'linfenlu', name: '临汾路街道', nameEn: 'Linfen Road Subdistrict', kind: 'street' },
  { code: 'pengpu', name: '彭浦镇', nameEn: 'Pengpu Town', kind: 'town' },
];

export const STREET_CODES = JINGAN_STREETS.map((s) => s.code);

import type { Messages } from './zh-CN';
import type { CareNeedsMessages } from '../care/needs/zh-CN';
import type { BenefitsMessages } from '../benefits/zh-CN';
import type { TrackingAdminMessages } from '../tracking/admin/zh-CN';
import type { MapMessages } from '../tracking/map/zh-CN';
import type { CareVisitsMessages } from '../care/visits/zh-CN';
import type { CareNetworkMessages } from '../care/network/zh-CN';
import type { CareHoursMessages } from '../care/hours/zh-CN';
import type { CarePlansMessages } from '../care/plans/zh-CN';
import type { AccompanimentMessages } from '../accompaniment/zh-CN';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: Messages;
      careNeeds: CareNeedsMessages;
      benefits: BenefitsMessages;
      trackingAdmin: TrackingAdminMessages;
      trackingMap: MapMessages;
      careVisits: CareVisitsMessages;
      careNetwork: CareNetworkMessages;
      careHours: CareHoursMessages;
      carePlans: CarePlansMessages;
      accompaniment: AccompanimentMessages;
    };
  }
}

/** Care visits pages (pairings, visits, the queue, the volunteer's page), Simplified Chinese: the source of every key. */
const zhCN = {
  none: '无',
  loadFailed: '加载失败，请稍后重试。',
  mode: { home: '上门走访', phone: '电话', video: '视频', elsewhere: '其他地点' },
  state: { planned: '已计划', done: '已完成', missed: '未能走访', cancelled: '已取消' },
  visit: {
    mode: '走访方式',
  },
  queue: {
    title: '我的待办',
    intro: '需要您处理的事项：到期或逾期的走访排在最前面。',
    visitsTitle: '我的走访',
    summary: '共 {{count}} 项在 {{dueBy}} 前到期，其中 {{overdue}} 项已逾期。',
    pairingsTitle: '按结对计划到期的走访',
    visitsPlanned: '已计划的走访',
    family: '走访对象',
    partner: '结对方',
    nextVisit: '下次走访',
    plannedOn: '计划日期',
    actions: '操作',
    record: '记录走访',
    recordFor: '记录对 {{name}} 的走访',
    overdue: '逾期 {{count}} 天',
    dueOn: '应于 {{date}}',
    nonePairings: '7 天内没有到期的结对走访。',
    noneVisits: '7 天内没有已计划的走访。',
    unassigned: '本辖区尚无负责人的结对',
    unassignedHelp: '这些结对还没有指定负责的社工，请在结对详情中指定。',
  },
};

export default zhCN;
export type CareVisitsMessages = typeof zhCN;

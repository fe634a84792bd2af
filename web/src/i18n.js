import { createI18n } from 'vue-i18n'

const messages = {
  zh: {
    app: '防控指挥平台', login: '登录', logout: '退出', username: '用户名', password: '密码',
    regions: '区划人口', persons: '人员查询', imports: '人员导入', users: '用户管理', audit: '审计日志',
    search: '查询', reset: '重置', name: '姓名', idNumber: '证件号码', sex: '性别', age: '年龄',
    phone: '手机号码', region: '现住址', residency: '居住类型', tags: '健康标签', occupation: '职业类别',
    household: '户号', actions: '操作', view: '查看', showFull: '显示完整信息', exportXlsx: '导出Excel',
    registered: '登记人数', resident: '常住人口', floating: '流动', away: '人户分离', male: '男', female: '女',
    children: '下级区划', code: '区划代码', total: '共 {n} 条', upload: '选择文件', encoding: '编码',
    template: '下载模板', progress: '进度', inserted: '新增', updated: '更新', unchanged: '未变化', failed: '失败',
    row: '行号', column: '列', value: '内容', rule: '错误原因', role: '角色', jurisdiction: '管辖区划',
    create: '新建', save: '保存', cancel: '取消', time: '时间', action: '操作类型', target: '对象', rows: '行数',
    person: '人员详情', birthDate: '出生日期', ageMin: '最小年龄', ageMax: '最大年龄', back: '返回',
    ignored: '已忽略的列', importDone: '导入完成', importFailed: '导入失败', importHistory: '导入记录', importInterrupted: '已中断（可重新导入同一文件补齐）', importRunning: '导入中', startedAt: '开始时间', fileName: '文件名', state: '状态', open: '查看', displayName: '姓名/单位',
    newPerson: '新增人员', editPerson: '编辑人员', edit: '编辑', docType: '证件类型', phoneKeep: '留空则不修改', choosePlace: '选择村（社区）或网格', saved: '已保存',
    vaccination: '新冠疫苗接种', earliest: '最早可接种', recommended: '推荐接种', latest: '推荐截止', noDoses: '暂无接种记录', doseNumber: '剂次', product: '疫苗产品', lot: '批号', traceCode: '追溯码',
    doseStatus: { due: '可接种', overdue: '逾期未种', too_soon: '未到间隔', too_young: '未到年龄', too_old: '超过年龄', deferred: '暂缓接种', exempt: '禁忌免种', complete: '已完成' },
    organisations: '单位机构', orgKind: '类别', industry: '行业', creditCode: '统一社会信用代码', orgName: '名称', allKinds: '全部类别',
  },
  en: {
    app: 'Fangkong Command', login: 'Log in', logout: 'Log out', username: 'Username', password: 'Password',
    regions: 'Regions', persons: 'People', imports: 'Import', users: 'Users', audit: 'Audit log',
    search: 'Search', reset: 'Reset', name: 'Name', idNumber: 'ID number', sex: 'Sex', age: 'Age',
    phone: 'Phone', region: 'Residence', residency: 'Residency', tags: 'Health tags', occupation: 'Occupation',
    household: 'Household', actions: 'Actions', view: 'View', showFull: 'Show full values', exportXlsx: 'Export Excel',
    registered: 'Registered', resident: 'Resident', floating: 'Floating', away: 'Away', male: 'Male', female: 'Female',
    children: 'Sub-regions', code: 'Code', total: '{n} in total', upload: 'Choose file', encoding: 'Encoding',
    template: 'Template', progress: 'Progress', inserted: 'Inserted', updated: 'Updated', unchanged: 'Unchanged', failed: 'Failed',
    row: 'Row', column: 'Column', value: 'Value', rule: 'Rule broken', role: 'Role', jurisdiction: 'Jurisdiction',
    create: 'New', save: 'Save', cancel: 'Cancel', time: 'Time', action: 'Action', target: 'Target', rows: 'Rows',
    person: 'Person', birthDate: 'Birth date', ageMin: 'Min age', ageMax: 'Max age', back: 'Back',
    ignored: 'Ignored columns', importDone: 'Import finished', importFailed: 'Import failed', importHistory: 'Recent imports', importInterrupted: 'Interrupted (import the same file again to complete it)', importRunning: 'Running', startedAt: 'Started', fileName: 'File', state: 'State', open: 'Open', displayName: 'Display name',
    newPerson: 'New person', editPerson: 'Edit person', edit: 'Edit', docType: 'Document type', phoneKeep: 'Leave empty to keep', choosePlace: 'Choose a village or grid', saved: 'Saved',
    vaccination: 'COVID-19 vaccination', earliest: 'Earliest', recommended: 'Recommended', latest: 'Window ends', noDoses: 'No doses recorded', doseNumber: 'Dose', product: 'Product', lot: 'Lot', traceCode: 'Trace code',
    doseStatus: { due: 'Due', overdue: 'Overdue', too_soon: 'Too soon', too_young: 'Too young', too_old: 'Too old', deferred: 'Deferred', exempt: 'Exempt', complete: 'Complete' },
    organisations: 'Organisations', orgKind: 'Kind', industry: 'Industry', creditCode: 'Credit code', orgName: 'Name', allKinds: 'All kinds',
  },
}

export default createI18n({ legacy: false, locale: localStorage.getItem('fk_locale') || 'zh', fallbackLocale: 'zh', messages })

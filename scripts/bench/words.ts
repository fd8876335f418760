// Fixed pools the benchmark corpus is built from: news vocabulary, names, sections and sources.

/** Two-character words of everyday news Chinese; sentences, titles and tags are strung from these. */
export const WORDS: readonly string[] = `
城市 交通 地铁 公交 道路 桥梁 隧道 机场 高铁 码头 社区 街道 居民 群众 市民 村民 农民 工人 学生 老师
学校 医院 医生 护士 患者 家长 儿童 老人 青年 志愿 服务 保障 民生 就业 创业 收入 消费 市场 价格 物价
经济 产业 企业 工厂 项目 投资 招商 园区 科技 创新 研发 数字 网络 平台 数据 智能 制造 能源 电力 光伏
储能 环保 生态 绿色 湿地 河流 湖泊 水质 空气 森林 公园 绿地 农业 粮食 种植 养殖 水果 蔬菜 茶叶 乡村
振兴 旅游 文化 遗产 博物 展览 演出 戏曲 音乐 电影 图书 阅读 体育 赛事 健身 足球 篮球 跑步 游泳 冠军
教育 课程 考试 招生 培训 职业 高校 科研 人才 政策 改革 规划 建设 改造 治理 监管 执法 安全 应急 消防
防汛 抗旱 气象 天气 降雨 高温 寒潮 医疗 卫生 健康 疫苗 药品 养老 托育 住房 物业 小区 停车 充电 快递
外卖 餐饮 商场 夜市 文旅 会展 论坛 会议 代表 委员 人大 政协 政府 部门 干部 基层 党建 法院 检察 公安
交警 司法 律师 纠纷 调解 信访 热线 办事 窗口 审批 改善 提升 推进 落实 加快 完善 优化 保护 开展 举办
启动 开通 投用 竣工 开工 签约 发布 公布 实施 出台 印发 部署 召开 调研 走访 督查 检查 评估 考核 表彰
全市 全省 全国 各区 县城 乡镇 农村 城区 新区 老城 江边 湖畔 山区 沿线 周边 片区 一线 现场 年度 季度
今年 去年 近日 目前 下一步 未来 长期 持续 稳步 显著 有效 积极 主动 全面 深入 重点 关键 核心 基础 特色
品牌 质量 标准 规模 总量 增长 下降 同比 环比 累计 新增 完成 实现 达到 超过 预计 计划 目标 任务 成效
经验 做法 模式 机制 体系 工作 活动 行动 工程 计划 方案 措施 办法 意见 通知 公告 报告 调查 统计 指数
`.trim().split(/\s+/).filter((word, index, all) => word.length === 2 && all.indexOf(word) === index);

export const SURNAMES: readonly string[] = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');

export const GIVEN_NAMES: readonly string[] = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲燕飞鹏辉健宇晨浩凯博文轩雨萱思琪悦婷欣怡佳琳子涵梓墨一诺昊然志航建国晓东海波立新春梅秋月冬雪'.split('');

/** ASCII words for file names (URLs are never derived from titles). */
export const FILE_WORDS: readonly string[] = `
city metro bus road bridge airport rail port school hospital market price factory park river lake
forest farm village tourism museum concert festival match league exam policy reform plan housing
traffic weather flood heat safety health care elder child youth jobs energy solar power data tech
`.trim().split(/\s+/);

export const SECTIONS: readonly { key: string; name: string }[] = [
  { key: 'shizheng', name: '时政' },
  { key: 'shehui', name: '社会' },
  { key: 'jingji', name: '经济' },
  { key: 'jiaoyu', name: '教育' },
  { key: 'wenhua', name: '文化' },
  { key: 'tiyu', name: '体育' },
  { key: 'keji', name: '科技' },
  { key: 'jiankang', name: '健康' },
];

export const SOURCES: readonly string[] = ['洪州新闻网', '洪州日报', '洪州晚报', '洪州广播电视台', '新华社', '人民网', '江西日报', '中国新闻网'];

export const MEASURES: readonly string[] = ['个', '家', '名', '人', '项', '所', '公里', '万元', '亿元', '吨', '户', '场'];

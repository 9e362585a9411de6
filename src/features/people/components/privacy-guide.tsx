import { View } from '@tarojs/components'
import './privacy-guide.scss'

interface Section {
  title: string
  items: string[]
}

// Written as the township's own guide, in plain words for villagers (DESIGN.md: privacy by
// default). Keep it in step with what the server really does.
const sections: Section[] = [
  {
    title: '一、我们收集哪些信息',
    items: [
      '微信给的用户编号（openid）：由微信提供，用来认出是您本人。我们不读取您的微信昵称和头像，也看不到您的微信号、好友和聊天内容。',
      '户主姓名、门牌号、家庭人口、联系电话：来自镇里的户籍花名册，或者您绑定家庭时自己填写的内容。',
      '照片和视频：网格员入户检查人居环境时拍的院落照片，您申诉、提名时上传的照片，以及公告里的图片和视频。上传的图片会先经过微信的内容安全检查。',
      '您在小程序里的提名、投票和申诉记录。',
    ],
  },
  {
    title: '二、为什么要这些信息',
    items: [
      '确认您是本村村民、属于哪一户。只有绑定了家庭的村民才能提名、投票和申诉，这样外人不能刷票，评选才公平。',
      '网格员需要联系您时（比如核对绑定申请、上门检查），能打电话找到您。',
      '按户统计人居环境检查的分数，公布红黑榜。',
    ],
  },
  {
    title: '三、哪些信息公开，哪些从不公开',
    items: [
      '红榜：您家同意后才显示户主全名，不同意就打码显示（比如“张*明”）。同意与否随时可以在“我的”里改。',
      '黑榜：只在您家所在的村里公示，只有本村已绑定的村民能看到，名字一律打码显示（比如“张*明”），只显示村民小组、得分和扣分项数，不显示门牌号。详细的扣分情况只给您家、网格员和镇管理员看。',
      '黑榜上每一户只有一个临时编号，只在这一期榜单里有效，和评选、提名里出现的家庭对不上号，别人没法把打码的名字拼回全名。',
      '评选：候选家庭和获评家庭会公开户主姓名、所在村组和事迹；被提名的家庭可以谢绝。提名时按姓名查找邻居，只在提名期内、只给本次评选范围内的村民用，至少输入两个字，每次最多显示 20 户，只显示姓名和村组。',
      '联系电话：只有镇管理员和负责您家的网格员能看到，不会公开给任何人。',
      '从不公开：联系电话、门牌号、入户检查拍的照片和备注、您的申诉内容、您投了谁的票。',
      '我们不会把您的信息卖给或交给其他单位和个人，法律法规另有规定的除外。',
    ],
  },
  {
    title: '四、信息保存多久',
    items: [
      '绑定信息保存到您解除绑定为止。解除后，您的微信就不再和这户关联，也不能再用这户的身份提名、投票。',
      '红黑榜和评选结果只在公示期内公开展示，之后只作为镇里的工作记录保存，按档案管理的规定到期销毁。',
    ],
  },
  {
    title: '五、怎样解除绑定或删除信息',
    items: [
      '解除绑定：打开“我的”，点“解除绑定”，再点“确认解除”就可以了。',
      '退出登录：在网页版“我的”最下面点“退出登录”，这台设备上的登录随即失效。手机丢了，请找镇管理员在“人员与角色”里让您在所有设备上退出登录。',
      '信息有错要改，或者想删除您的信息：请找本村网格员，或到镇宣传办办理。',
      '对红黑榜或评选结果有意见，可以在小程序里申诉，也可以直接找网格员。',
    ],
  },
  {
    title: '六、联系我们',
    items: [
      '有任何疑问，请找本村网格员，或到镇政府宣传办公室当面反映。我们会认真核实，尽快答复您。',
    ],
  },
]

/** 和美村宣隐私保护指引: what is collected, why, who sees it, how long, and how to leave. */
export function PrivacyGuide() {
  return (
    <View className='privacy-guide'>
      <View className='privacy-guide__title'>和美村宣隐私保护指引</View>
      <View className='privacy-guide__date'>更新日期：2026年12月4日</View>
      <View className='privacy-guide__lead'>
        “和美村宣”是镇宣传办为本镇各村办的小程序，用来发布公告、公布人居环境红黑榜、开展文明家庭等评选。我们只收集办这些事必需的信息。下面用大白话说明我们怎样收集、使用和保护您的信息。
      </View>
      {sections.map((s) => (
        <View key={s.title} className='privacy-guide__section'>
          <View className='privacy-guide__heading'>{s.title}</View>
          {s.items.map((item) => (
            <View key={item} className='privacy-guide__item'>
              {item}
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
